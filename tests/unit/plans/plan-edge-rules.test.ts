import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/errors.ts';
import { ladderField, validateLadderRows } from '../../../src/domain/plans/ladder-form.ts';
import { localToday } from '../../../src/domain/plans/milestone.service.ts';
import { keyResultSlotField, validateObjectiveTitle } from '../../../src/domain/plans/okr-form.ts';
import { numberKeyResults, type ObjectiveRecord, parseRecordId } from '../../../src/domain/plans/records.ts';

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.field;
    throw error;
  }
  throw new Error('expected a DomainError');
}

const row = (code: string, title = 'Engineer', summary = '') => ({ code, title, summary });
const empty = row('', '', '');

describe('ladder form rows', () => {
  it('skips empty rows, upper-cases codes and keeps the order', () => {
    expect(validateLadderRows([row('l3'), empty, row('L4', ' Senior ', ' Leads ')])).toEqual([
      { code: 'L3', title: 'Engineer', summary: '' },
      { code: 'L4', title: 'Senior', summary: 'Leads' },
    ]);
  });

  it('names the row and the part of the first problem', () => {
    expect(fieldOf(() => validateLadderRows([empty, empty]))).toBe('level_0_code');
    expect(fieldOf(() => validateLadderRows([row('L3'), row('L 4')]))).toBe('level_1_code');
    expect(fieldOf(() => validateLadderRows([row('L3'), empty, row('L4', '')]))).toBe('level_2_title');
    expect(fieldOf(() => validateLadderRows([row('L3', 'A', 'x'.repeat(301))]))).toBe('level_0_summary');
    expect(fieldOf(() => validateLadderRows([row('L3'), row('l3')]))).toBe('level_1_code');
    expect(ladderField(4, 'title')).toBe('level_4_title');
  });
});

describe('OKR form rules', () => {
  it('objective titles are 1-150 characters, trimmed', () => {
    expect(validateObjectiveTitle('  Ship it  ')).toBe('Ship it');
    expect(fieldOf(() => validateObjectiveTitle(' '))).toBe('objective');
    expect(fieldOf(() => validateObjectiveTitle('x'.repeat(151)))).toBe('objective');
  });

  it('slot fields are 1-based', () => {
    expect(keyResultSlotField(0, 'title')).toBe('kr1_title');
    expect(keyResultSlotField(4, 'target')).toBe('kr5_target');
  });

  it('numbers key results across objectives in list order', () => {
    const objectives: ObjectiveRecord[] = [1, 2].map((o) => ({
      id: String(o),
      quarter: '2026-Q3',
      title: `O${o}`,
      archived: false,
      keyResults: [1, 2, 3].slice(0, o + 1).map((k) => ({
        id: `${o}${k}`,
        objectiveId: String(o),
        archived: false,
        title: `KR ${o}.${k}`,
        kind: 'percent' as const,
        current: 0,
      })),
    }));
    expect(numberKeyResults(objectives).map((n) => [n.number, n.keyResult.title])).toEqual([
      [1, 'KR 1.1'],
      [2, 'KR 1.2'],
      [3, 'KR 2.1'],
      [4, 'KR 2.2'],
      [5, 'KR 2.3'],
    ]);
  });
});

describe('record ids and local dates', () => {
  it('accepts positive integer ids only, as "not found"', () => {
    expect(parseRecordId('42', 'milestone')).toBe('42');
    for (const bad of ['', '0', '-1', '1.5', '1; drop table', 'abc', '1'.repeat(19), undefined, 42]) {
      expect(() => parseRecordId(bad, 'milestone')).toThrow(/not in your plan/);
    }
  });

  it('today is the member’s calendar date', () => {
    const at = new Date('2026-09-01T00:30:00Z');
    expect(localToday(at, 'America/New_York')).toBe('2026-08-31');
    expect(localToday(at, 'Asia/Tokyo')).toBe('2026-09-01');
    expect(localToday(at, 'Not/AZone')).toBe('2026-09-01');
  });
});
