import { beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/domain/clock.ts';
import {
  CHECK_IN_NOTE_MAX,
  createOkrService,
  type NewObjectiveInput,
  type OkrService,
} from '../../../src/domain/plans/okr.service.ts';
import { EXTRA_KEY_RESULT_NOTE, THIRD_OBJECTIVE_WARNING } from '../../../src/domain/plans/okrs.ts';
import type { PlanOwner } from '../../../src/domain/plans/records.ts';
import { rejection } from './support/domain-error.ts';
import { type InMemoryPlans, inMemoryPlans } from './support/in-memory-plans.ts';

// 05:00 UTC on 1 Jan 2027 is still 31 Dec 2026 in Los Angeles: 2026-Q4 there, 2027-Q1 in UTC.
const NOW = new Date('2027-01-01T05:00:00Z');
const LA: PlanOwner = { teamId: 'T1', userId: 'UA', tz: 'America/Los_Angeles' };
const OTHER: PlanOwner = { teamId: 'T1', userId: 'UB', tz: 'UTC' };

const objective = (title: string, confirmedThird = false, quarter = '2026-Q4'): NewObjectiveInput => ({
  quarter,
  title,
  confirmedThird,
  keyResults: [{ title: 'Done', kind: 'percent' }],
});

describe('OKR service rules (in-memory repositories)', () => {
  let store: InMemoryPlans;
  let okrs: OkrService;

  beforeEach(() => {
    const clock = fixedClock(NOW);
    store = inMemoryPlans(clock);
    const { okrs: okrStore, checkIns, uow } = store.repositories;
    okrs = createOkrService({ okrs: okrStore, checkIns, uow, clock });
  });

  async function addWithKeyResults(owner: PlanOwner, ...titles: string[]): Promise<string> {
    const created = await okrs.addObjective(owner, {
      ...objective('Ship it'),
      quarter: owner === LA ? '2026-Q4' : '2027-Q1',
      keyResults: titles.map((title) => ({ title, kind: 'percent' })),
    });
    if (created.status !== 'created') throw new Error('expected the objective to be created');
    return created.objectiveId;
  }

  it('computes the quarter in the member’s zone', () => {
    expect(okrs.currentQuarter(LA)).toEqual({ year: 2026, q: 4 });
    expect(okrs.currentQuarter(OTHER)).toEqual({ year: 2027, q: 1 });
    expect(okrs.quarterFrom(LA, ' ')).toEqual({ year: 2026, q: 4 });
    expect(okrs.quarterFrom(LA, '2027-Q3')).toEqual({ year: 2027, q: 3 });
  });

  it('validates the whole objective form before storing anything', async () => {
    const bad: NewObjectiveInput = {
      ...objective('Be fast'),
      keyResults: [
        { title: 'OK', kind: 'percent' },
        // An empty slot is skipped, but the numbering of later slots keeps its place.
        { title: '', kind: 'metric', start: '', target: '', unit: '' },
        { title: 'Latency', kind: 'metric', start: '800', target: 'x' },
      ],
    };
    expect((await rejection(okrs.addObjective(LA, bad))).field).toBe('kr3_target');
    // The previous quarter in the member's zone is over; garbage is not a quarter.
    expect((await rejection(okrs.addObjective(LA, objective('Be fast', false, '2026-Q3')))).field).toBe(
      'quarter',
    );
    expect((await rejection(okrs.addObjective(LA, objective('Be fast', false, 'next')))).field).toBe(
      'quarter',
    );
    expect((await rejection(okrs.addObjective(LA, objective('  ')))).field).toBe('objective');
    const six = {
      ...objective('Too many'),
      keyResults: [1, 2, 3, 4, 5, 6].map((n) => ({ title: `KR ${n}`, kind: 'percent' })),
    };
    const sixth = await rejection(okrs.addObjective(LA, six));
    expect(sixth).toMatchObject({ code: 'okr_kr_limit', field: 'kr6_title' });
    expect(store.state().objectives).toEqual([]);
    expect(store.state().keyResults).toEqual([]);
  });

  it('recommends 2 objectives: a third only once confirmed, a fourth never', async () => {
    expect((await okrs.addObjective(LA, objective('One'))).status).toBe('created');
    expect((await okrs.addObjective(LA, objective('Two'))).status).toBe('created');
    expect(await okrs.addObjective(LA, objective('Three'))).toEqual({
      status: 'needs_confirmation',
      message: THIRD_OBJECTIVE_WARNING,
    });
    expect(await okrs.countObjectives(LA, { year: 2026, q: 4 })).toBe(2);
    expect(await okrs.addObjective(LA, objective('Three', true))).toMatchObject({
      status: 'created',
      quarter: '2026-Q4',
    });
    const fourth = await rejection(okrs.addObjective(LA, objective('Four', true)));
    expect(fourth).toMatchObject({ code: 'okr_objective_limit', field: 'objective' });
    expect(await okrs.countObjectives(LA, { year: 2026, q: 4 })).toBe(3);
    // Another quarter, and another member, have their own room.
    expect((await okrs.addObjective(LA, objective('Next', false, '2027-Q1'))).status).toBe('created');
    expect((await okrs.addObjective(OTHER, objective('Mine', false, '2027-Q1'))).status).toBe('created');
  });

  it('counts the objectives inside the write, so two confirmed thirds at once store one', async () => {
    await okrs.addObjective(LA, objective('One'));
    await okrs.addObjective(LA, objective('Two'));
    const raced = await Promise.allSettled([
      okrs.addObjective(LA, objective('Three', true)),
      okrs.addObjective(LA, objective('Three again', true)),
    ]);
    expect(raced.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await okrs.countObjectives(LA, { year: 2026, q: 4 })).toBe(3);
  });

  it('an archived objective frees its place in the quarter', async () => {
    const first = await addWithKeyResults(LA, 'A');
    await okrs.addObjective(LA, objective('Two'));
    await okrs.addObjective(LA, objective('Three', true));
    await okrs.archiveObjective(LA, first);
    expect((await okrs.addObjective(LA, objective('Three again', true))).status).toBe('created');
    expect((await rejection(okrs.objective(LA, first))).code).toBe('plan_not_found');
  });

  it('recommends 3 key results: a 4th and 5th come with a note, a 6th is refused and stores nothing', async () => {
    const id = await addWithKeyResults(LA, 'KR 1');
    for (let i = 2; i <= 5; i++) {
      const added = await okrs.addKeyResult(LA, id, { title: `KR ${i}`, kind: 'percent' });
      expect(added.note).toBe(i <= 3 ? null : EXTRA_KEY_RESULT_NOTE);
    }
    const sixth = await rejection(okrs.addKeyResult(LA, id, { title: 'KR 6', kind: 'percent' }));
    expect(sixth).toMatchObject({ code: 'okr_kr_limit', field: 'title' });
    expect(sixth.message).toMatch(/already has 5 key results, the most we allow/);
    expect((await okrs.objective(LA, id)).keyResults.map((kr) => kr.title)).toEqual([
      'KR 1',
      'KR 2',
      'KR 3',
      'KR 4',
      'KR 5',
    ]);
  });

  it('another member’s objective or key result is not found, and nothing changes', async () => {
    const id = await addWithKeyResults(LA, 'KR 1');
    const [kr] = (await okrs.objective(LA, id)).keyResults;
    const krId = kr?.id;
    const before = structuredClone(store.state());
    const attempts = [
      okrs.addKeyResult(OTHER, id, { title: 'Sneaky', kind: 'percent' }),
      okrs.renameObjective(OTHER, id, 'Renamed'),
      okrs.archiveObjective(OTHER, id),
      okrs.archiveKeyResult(OTHER, krId),
      okrs.editKeyResult(OTHER, krId, { title: 'Edited' }),
      okrs.checkIn(OTHER, krId, '50', ''),
      okrs.checkIns(OTHER, krId),
      // Ids that are not ids are "not found" too, before any look-up.
      okrs.checkIn(LA, '1 OR 1=1', '50', ''),
      okrs.objective(LA, undefined),
    ];
    for (const attempt of attempts) expect((await rejection(attempt)).code).toBe('plan_not_found');
    expect(store.state()).toEqual(before);
  });

  it('editing a key result keeps its kind and current value', async () => {
    const created = await okrs.addObjective(LA, {
      ...objective('Fast'),
      keyResults: [
        { title: 'Latency', kind: 'metric', start: '800', target: '200', current: '650', unit: 'ms' },
      ],
    });
    if (created.status !== 'created') throw new Error('expected the objective');
    const [kr] = (await okrs.objective(LA, created.objectiveId)).keyResults;
    const edited = await okrs.editKeyResult(LA, kr?.id, {
      title: 'p95',
      start: '900',
      target: '300',
      unit: 's',
    });
    expect(edited).toMatchObject({
      kind: 'metric',
      title: 'p95',
      start: 900,
      target: 300,
      current: 650,
      unit: 's',
    });
    expect((await okrs.keyResult(LA, kr?.id)).current).toBe(650);
    expect((await rejection(okrs.editKeyResult(LA, kr?.id, { title: '' }))).field).toBe('title');
  });

  it('numbers key results across objectives for okr progress and keeps the check-in history', async () => {
    await addWithKeyResults(LA, 'A1', 'A2');
    await addWithKeyResults(LA, 'B1');
    const { numbered } = await okrs.quarter(LA);
    expect(numbered.map((n) => [n.number, n.keyResult.title])).toEqual([
      [1, 'A1'],
      [2, 'A2'],
      [3, 'B1'],
    ]);
    expect(await okrs.progress(LA, ['2', '60'])).toMatchObject({ number: 2, before: 0, after: 0.6 });
    await okrs.progress(LA, ['kr2', '80%']);
    expect((await rejection(okrs.progress(LA, ['2', '140']))).field).toBe('value');
    const outOfRange = await rejection(okrs.progress(LA, ['4', '10']));
    expect(outOfRange.code).toBe('okr_progress_args');
    expect(outOfRange.message).toContain('You have 3 key results this quarter');
    const id = numbered[1]?.keyResult.id;
    expect((await okrs.checkIns(LA, id)).map((c) => [c.previousValue, c.value])).toEqual([
      [0, 60],
      [60, 80],
    ]);
    expect((await okrs.keyResult(LA, id)).current).toBe(80);
  });

  it('okr progress with no key results this quarter says how to add one', async () => {
    const error = await rejection(okrs.progress(OTHER, ['1', '10']));
    expect(error.code).toBe('okr_progress_args');
    expect(error.message).toContain('You have no key results this quarter yet');
  });

  it('a check-in records key_result.moved with its own source key, in the same transaction', async () => {
    const id = await addWithKeyResults(LA, 'KR');
    const krId = (await okrs.objective(LA, id)).keyResults[0]?.id;
    await okrs.checkIn(LA, krId, '40', '  halfway there  ');
    const [checkIn] = await okrs.checkIns(LA, krId);
    expect(checkIn).toMatchObject({ value: 40, previousValue: 0, note: 'halfway there' });
    expect(store.state().activity).toEqual([
      {
        teamId: 'T1',
        userId: 'UA',
        kind: 'key_result.moved',
        sourceKey: `kr_checkin:${checkIn?.id}`,
        occurredAt: NOW,
      },
    ]);
    // When the activity cannot be written, the check-in is not kept either.
    store.faults.activity = new Error('activity write failed');
    await expect(okrs.checkIn(LA, krId, '70', '')).rejects.toThrow('activity write failed');
    expect((await okrs.checkIns(LA, krId)).map((c) => c.value)).toEqual([40]);
    expect((await okrs.keyResult(LA, krId)).current).toBe(40);
    expect(store.state().activity).toHaveLength(1);
  });

  it('a check-in whose note is over the limit, or whose value is not a number, stores nothing', async () => {
    const id = await addWithKeyResults(LA, 'KR');
    const krId = (await okrs.objective(LA, id)).keyResults[0]?.id;
    const long = await rejection(okrs.checkIn(LA, krId, '50', 'x'.repeat(CHECK_IN_NOTE_MAX + 1)));
    expect(long).toMatchObject({ code: 'okr_progress_invalid', field: 'note' });
    expect((await rejection(okrs.checkIn(LA, krId, 'lots', ''))).field).toBe('value');
    expect((await rejection(okrs.checkIn(LA, krId, '101', ''))).field).toBe('value');
    expect(store.state().checkIns).toEqual([]);
    expect(store.state().activity).toEqual([]);
    expect((await okrs.keyResult(LA, krId)).current).toBe(0);
    // The limit counts the trimmed note.
    await okrs.checkIn(LA, krId, '50', ` ${'x'.repeat(CHECK_IN_NOTE_MAX)} `);
    expect(store.state().checkIns).toHaveLength(1);
  });

  it('an archived key result takes no check-in', async () => {
    const id = await addWithKeyResults(LA, 'Keep', 'Drop');
    const [, drop] = (await okrs.objective(LA, id)).keyResults;
    await okrs.archiveKeyResult(LA, drop?.id);
    expect((await rejection(okrs.checkIn(LA, drop?.id, '10', ''))).code).toBe('plan_not_found');
    expect((await okrs.quarter(LA)).numbered.map((n) => n.keyResult.title)).toEqual(['Keep']);
  });
});
