import { beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/domain/clock.ts';
import {
  createNorthStarService,
  type NorthStarService,
} from '../../../src/domain/plans/north-star.service.ts';
import type { NorthStarInput } from '../../../src/domain/plans/north-star.ts';
import { createPlanServicesFrom, type PlanServices } from '../../../src/domain/plans/plan.service.ts';
import type { PlanOwner } from '../../../src/domain/plans/records.ts';
import { rejection } from './support/domain-error.ts';
import { type InMemoryPlans, inMemoryPlans } from './support/in-memory-plans.ts';

const NOW = new Date('2027-01-01T05:00:00Z');
const LA: PlanOwner = { teamId: 'T1', userId: 'UA', tz: 'America/Los_Angeles' };
const OTHER: PlanOwner = { teamId: 'T1', userId: 'UB', tz: 'UTC' };

const northStar = (overrides: Partial<NorthStarInput> = {}): NorthStarInput => ({
  track: 'ic',
  destination: 'Go far',
  horizonYears: '3',
  currentLevel: 'l4',
  targetLevel: 'L5',
  ...overrides,
});

describe('ladder and north star rules (in-memory repositories)', () => {
  let store: InMemoryPlans;
  let career: NorthStarService;

  beforeEach(() => {
    const clock = fixedClock(NOW);
    store = inMemoryPlans(clock);
    const { ladders, northStars, uow } = store.repositories;
    career = createNorthStarService({ ladders, northStars, uow, clock });
  });

  it('validates the north star against the team’s ladder and stores nothing when it fails', async () => {
    const error = await rejection(career.saveNorthStar(LA, northStar({ targetLevel: 'L9' })));
    expect(error).toMatchObject({ code: 'north_star_invalid', field: 'targetLevel' });
    expect((await rejection(career.saveNorthStar(LA, northStar({ horizonYears: '9' })))).field).toBe(
      'horizonYears',
    );
    expect(await career.northStar(LA)).toBeNull();
    expect(store.state().activity).toEqual([]);
  });

  it('stores level codes as the ladder spells them and records north_star.set once per member', async () => {
    expect(await career.saveNorthStar(LA, northStar())).toMatchObject({
      currentLevel: 'L4',
      targetLevel: 'L5',
    });
    await career.saveNorthStar(LA, northStar({ destination: 'Go further' }));
    expect(await career.northStar(LA)).toMatchObject({ destination: 'Go further', currentLevel: 'L4' });
    expect(await career.northStar(OTHER)).toBeNull();
    expect(store.state().activity).toEqual([
      { teamId: 'T1', userId: 'UA', kind: 'north_star.set', sourceKey: 'north_star:UA', occurredAt: NOW },
    ]);
  });

  it('keeps the north star and its activity together: when one fails, neither is stored', async () => {
    store.faults.activity = new Error('activity write failed');
    await expect(career.saveNorthStar(LA, northStar())).rejects.toThrow('activity write failed');
    expect(await career.northStar(LA)).toBeNull();
  });

  it('an admin’s ladder replaces the default one, and north stars are checked against it', async () => {
    expect((await career.ladder('T1')).map((l) => l.code)).toEqual(['L3', 'L4', 'L5', 'L6']);
    const bad = await rejection(career.saveLadder('T1', 'UA', [{ code: 'L3', title: '', summary: '' }]));
    expect(bad).toMatchObject({ code: 'ladder_invalid', field: 'level_0_title' });
    expect((await career.ladder('T1')).map((l) => l.code)).toEqual(['L3', 'L4', 'L5', 'L6']);
    await career.saveLadder('T1', 'UA', [
      { code: 'E1', title: 'Engineer', summary: 'Ships features.' },
      { code: 'E2', title: 'Senior engineer', summary: 'Leads projects.' },
    ]);
    expect((await career.ladder('T1')).map((l) => l.code)).toEqual(['E1', 'E2']);
    // Another workspace keeps the default.
    expect((await career.ladder('T2')).map((l) => l.code)).toEqual(['L3', 'L4', 'L5', 'L6']);
    expect((await rejection(career.saveNorthStar(LA, northStar()))).field).toBe('currentLevel');
    expect(
      await career.saveNorthStar(LA, northStar({ currentLevel: 'e1', targetLevel: 'e2' })),
    ).toMatchObject({
      currentLevel: 'E1',
      targetLevel: 'E2',
    });
  });
});

describe('plan read models (in-memory repositories)', () => {
  let store: InMemoryPlans;
  let plans: PlanServices;

  beforeEach(() => {
    store = inMemoryPlans(fixedClock(NOW));
    plans = createPlanServicesFrom(store.repositories, fixedClock(NOW));
  });

  it('the dashboard and the export read the member’s own plan on their own calendar', async () => {
    await plans.career.saveNorthStar(LA, northStar());
    await plans.milestones.add(LA, { kind: 'visibility', title: 'Give a talk', dueDate: '2027-03-01' });
    await plans.okrs.addObjective(LA, {
      quarter: '2026-Q4',
      title: 'Make checkout boring',
      confirmedThird: false,
      keyResults: [{ title: 'Zero pages', kind: 'percent' }],
    });
    await plans.okrs.addObjective(OTHER, {
      quarter: '2027-Q1',
      title: 'Theirs',
      confirmedThird: false,
      keyResults: [],
    });
    const dashboard = await plans.dashboard(LA);
    expect(dashboard).toMatchObject({ today: '2026-12-31', quarter: { year: 2026, q: 4 } });
    expect(dashboard.northStar).toMatchObject({ currentLevel: 'L4', targetLevel: 'L5' });
    expect(dashboard.objectives.map((o) => o.title)).toEqual(['Make checkout boring']);
    expect(dashboard.numbered.map((n) => n.number)).toEqual([1]);
    expect(dashboard.milestones.map((m) => m.title)).toEqual(['Give a talk']);
    const markdown = await plans.planMarkdown(LA, 'Ann');
    expect(markdown).toContain('> Go far');
    expect(markdown).toContain('## OKRs for 2026-Q4');
    expect(markdown).toContain('Make checkout boring');
    expect(markdown).not.toContain('Theirs');
  });

  it('erasing a member removes their plan only', async () => {
    await plans.career.saveNorthStar(LA, northStar());
    await plans.milestones.add(LA, { kind: 'mastery', title: 'Mine', dueDate: '2027-03-01' });
    await plans.milestones.add(OTHER, { kind: 'mastery', title: 'Theirs', dueDate: '2027-03-01' });
    expect(await plans.eraseMember('T1', 'UA')).toMatchObject({ milestones: 1, northStar: 1 });
    expect(await plans.dashboard(LA)).toMatchObject({ northStar: null, milestones: [] });
    expect((await plans.milestones.list(OTHER)).map((m) => m.title)).toEqual(['Theirs']);
  });
});
