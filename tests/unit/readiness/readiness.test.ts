import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/errors.ts';
import {
  type ChecklistSlot,
  DEFAULT_CHECKLISTS,
  parseStoredChecklist,
  READINESS_LIMITS,
  readinessStatus,
  validateChecklist,
} from '../../../src/domain/readiness/readiness.ts';

const art = (id: string) => ({ id, title: `A${id}`, link: null, kind: 'talk', occurredOn: '2026-08-01' });

function fieldOf(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return error.field;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('readiness checklists', () => {
  it('start with the spec’s items; the people-manager track is for the team to write', () => {
    expect(DEFAULT_CHECKLISTS.ic.map((i) => i.label)).toEqual([
      'Led two end-to-end initiatives',
      'Mentored someone',
      'A documented design with a public write-up',
      'One end-to-end feature with observability',
    ]);
    expect(DEFAULT_CHECKLISTS.ic[0]?.evidenceNeeded).toBe(2);
    expect(DEFAULT_CHECKLISTS.staff).toHaveLength(4);
    expect(DEFAULT_CHECKLISTS.manager).toEqual([]);
  });

  it('an item ticks only with enough linked evidence; the next missing one is named', () => {
    const items = DEFAULT_CHECKLISTS.ic;
    let status = readinessStatus(items, []);
    expect([status.doneCount, status.total, status.next?.key, status.complete]).toEqual([
      0,
      4,
      'led_initiatives',
      false,
    ]);
    status = readinessStatus(items, [
      { itemKey: 'led_initiatives', artifact: art('1') },
      { itemKey: 'mentored', artifact: art('2') },
      { itemKey: 'unknown_item', artifact: art('3') },
    ]);
    expect(status.items.map((i) => [i.key, i.evidence.length, i.done])).toEqual([
      ['led_initiatives', 1, false],
      ['mentored', 1, true],
      ['public_design', 0, false],
      ['e2e_observability', 0, false],
    ]);
    expect([status.doneCount, status.next?.key]).toEqual([1, 'led_initiatives']);
    status = readinessStatus(
      items,
      ['led_initiatives', 'led_initiatives', 'mentored', 'public_design', 'e2e_observability'].map(
        (k, i) => ({ itemKey: k, artifact: art(String(i)) }),
      ),
    );
    expect([status.complete, status.next]).toEqual([true, null]);
    expect(readinessStatus([], []).complete).toBe(false);
  });

  const slot = (key: string | null, label: string, evidenceNeeded = '1'): ChecklistSlot => ({
    key,
    label,
    evidenceNeeded,
    field: `label:${key ?? 'new'}`,
  });

  it('an admin edit keeps existing keys, drops blank rows and keys new rows from their words', () => {
    expect(
      validateChecklist([
        slot('mentored', '  Mentored   an engineer ', '2'),
        slot('talk', ''),
        slot(null, 'Ran an incident review'),
        slot(null, 'Ran an incident review!'),
        slot(null, ''),
      ]),
    ).toEqual([
      { key: 'mentored', label: 'Mentored an engineer', evidenceNeeded: 2 },
      { key: 'ran_an_incident_review', label: 'Ran an incident review', evidenceNeeded: 1 },
      { key: 'ran_an_incident_review_2', label: 'Ran an incident review!', evidenceNeeded: 1 },
    ]);
  });

  it.each([
    [[slot('a', 'ok item'), slot(null, 'OK item')], 'label:new'],
    [[slot(null, 'no')], 'label:new'],
    [[slot(null, 'x'.repeat(151))], 'label:new'],
    [[slot('a', 'valid item', '6')], 'label:a'],
    [[slot('a', 'valid item', 'two')], 'label:a'],
    [
      Array.from({ length: READINESS_LIMITS.maxItems + 1 }, (_, i) => slot(`k${i}`, `item number ${i}`)),
      'label:k10',
    ],
  ])('refuses a bad edit beside its row (%#)', (slots, field) => {
    expect(fieldOf(() => validateChecklist(slots))).toBe(field);
  });

  it('reads a stored checklist leniently', () => {
    expect(
      parseStoredChecklist([
        { key: 'a', label: 'A', evidenceNeeded: 3 },
        { key: 'b', label: 'B' },
        null,
        { label: 'no key' },
      ]),
    ).toEqual([
      { key: 'a', label: 'A', evidenceNeeded: 3 },
      { key: 'b', label: 'B', evidenceNeeded: 1 },
    ]);
    expect(parseStoredChecklist('nope')).toEqual([]);
  });
});
