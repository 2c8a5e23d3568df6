import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../src/db/database.ts';
import { createActivityRepository } from '../../src/domain/activity/activity.repository.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { createPlanServices, type PlanServices } from '../../src/domain/plans/plan.service.ts';
import type { PlanOwner } from '../../src/domain/plans/records.ts';
import { createWorkspaceRepository } from '../../src/domain/workspaces/workspace.repository.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

const profile = {
  displayName: 'x',
  realName: 'X',
  tz: 'UTC',
  isAdmin: false,
  isOwner: false,
  isBot: false,
  isDeleted: false,
};
const LA: PlanOwner = { teamId: 'T1', userId: 'UA', tz: 'America/Los_Angeles' };
const OTHER: PlanOwner = { teamId: 'T1', userId: 'UB', tz: 'UTC' };

async function fieldOf(work: Promise<unknown>): Promise<string | undefined> {
  try {
    await work;
  } catch (error) {
    if (error instanceof DomainError) return error.field ?? error.code;
    throw error;
  }
  throw new Error('expected a DomainError');
}

const objective = (title: string, confirmedThird = false, quarter = '2026-Q4') => ({
  quarter,
  title,
  confirmedThird,
  keyResults: [{ title: 'Done', kind: 'percent' }],
});

describe('career-plan services (real Postgres)', () => {
  let testDb: TestDatabase;
  let db: Db;
  let plans: PlanServices;
  // 05:00 UTC on 1 Jan 2027 is still 31 Dec 2026 in Los Angeles: 2026-Q4 there.
  const clock = fixedClock(new Date('2027-01-01T05:00:00Z'));

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = createDb(testDb.url).db;
    const workspaces = createWorkspaceRepository(db);
    await workspaces.upsertWorkspace('T1');
    await workspaces.saveMemberProfile('T1', 'UA', profile);
    await workspaces.saveMemberProfile('T1', 'UB', profile);
    plans = createPlanServices(db, clock);
  });
  afterAll(async () => {
    await db.destroy();
    await testDb.drop();
  });

  it('computes the quarter in the member’s zone', () => {
    expect(plans.okrs.currentQuarter(LA)).toEqual({ year: 2026, q: 4 });
    expect(plans.okrs.currentQuarter(OTHER)).toEqual({ year: 2027, q: 1 });
  });

  it('validates the whole objective form before storing anything', async () => {
    const bad = {
      ...objective('Be fast'),
      keyResults: [
        { title: 'OK', kind: 'percent' },
        { title: '', kind: 'metric', start: '', target: '', unit: '' },
        { title: 'Latency', kind: 'metric', start: '800', target: 'x' },
      ],
    };
    expect(await fieldOf(plans.okrs.addObjective(LA, bad))).toBe('kr3_target');
    expect(await fieldOf(plans.okrs.addObjective(LA, objective('Be fast', false, '2026-Q3')))).toBe(
      'quarter',
    );
    expect(await fieldOf(plans.okrs.addObjective(LA, objective('Be fast', false, 'next')))).toBe('quarter');
    expect(await db.selectFrom('objectives').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('key_results').selectAll().execute()).toEqual([]);
  });

  it('asks to confirm a third objective and refuses a fourth, even when requests race', async () => {
    expect((await plans.okrs.addObjective(LA, objective('One'))).status).toBe('created');
    expect((await plans.okrs.addObjective(LA, objective('Two'))).status).toBe('created');
    expect(await plans.okrs.addObjective(LA, objective('Three'))).toEqual({
      status: 'needs_confirmation',
      message: expect.stringContaining('We recommend at most 2'),
    });
    const raced = await Promise.allSettled([
      plans.okrs.addObjective(LA, objective('Three', true)),
      plans.okrs.addObjective(LA, objective('Three again', true)),
    ]);
    expect(raced.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await plans.okrs.countObjectives(LA, { year: 2026, q: 4 })).toBe(3);
    // Another quarter, and another member, have their own room.
    expect((await plans.okrs.addObjective(LA, objective('Next', false, '2027-Q1'))).status).toBe('created');
    expect((await plans.okrs.addObjective(OTHER, objective('Mine', false, '2027-Q1'))).status).toBe(
      'created',
    );
  });

  it('numbers key results for okr progress and keeps the check-in history', async () => {
    const { numbered } = await plans.okrs.quarter(LA);
    expect(numbered.map((n) => n.number)).toEqual([1, 2, 3]);
    const result = await plans.okrs.progress(LA, ['2', '60']);
    expect(result).toMatchObject({ number: 2, before: 0, after: 0.6 });
    await plans.okrs.progress(LA, ['kr2', '80%']);
    expect(await fieldOf(plans.okrs.progress(LA, ['2', '140']))).toBe('value');
    expect(await fieldOf(plans.okrs.progress(LA, ['4', '10']))).toBe('okr_progress_args');
    const history = await plans.okrs.checkIns(LA, numbered[1]?.keyResult.id);
    expect(history.map((c) => c.value)).toEqual([60, 80]);
    expect(await fieldOf(plans.okrs.checkIns(OTHER, numbered[1]?.keyResult.id))).toBe('plan_not_found');
  });

  it('refuses a sixth key result with the reason', async () => {
    const { objectives } = await plans.okrs.quarter(LA);
    const id = objectives[0]?.id;
    for (let i = 2; i <= 5; i++) {
      const added = await plans.okrs.addKeyResult(LA, id, { title: `KR ${i}`, kind: 'percent' });
      expect(added.note === null).toBe(i <= 3);
    }
    await expect(plans.okrs.addKeyResult(LA, id, { title: 'KR 6', kind: 'percent' })).rejects.toThrow(
      /already has 5 key results, the most we allow/,
    );
    expect((await plans.okrs.objective(LA, id)).keyResults).toHaveLength(5);
  });

  it('milestones: past dates refused in the member’s calendar, transitions checked, owners enforced', async () => {
    // Still 31 Dec 2026 in Los Angeles.
    expect(
      await fieldOf(plans.milestones.add(LA, { kind: 'delivery', title: 'Old', dueDate: '2026-12-30' })),
    ).toBe('dueDate');
    const m = await plans.milestones.add(LA, { kind: 'delivery', title: 'Today', dueDate: '2026-12-31' });
    expect(await fieldOf(plans.milestones.setStatus(OTHER, m.id, 'done'))).toBe('plan_not_found');
    expect((await plans.milestones.setStatus(LA, m.id, 'done')).status).toBe('done');
    expect(await fieldOf(plans.milestones.setStatus(LA, m.id, 'dropped'))).toBe(
      'milestone_transition_invalid',
    );
  });

  it('north star and ladder: validated against the team ladder; the dashboard and export read it back', async () => {
    expect(
      await fieldOf(
        plans.career.saveNorthStar(LA, {
          track: 'ic',
          destination: 'Go',
          horizonYears: '3',
          currentLevel: 'L4',
          targetLevel: 'L9',
        }),
      ),
    ).toBe('targetLevel');
    await plans.career.saveNorthStar(LA, {
      track: 'ic',
      destination: 'Go far',
      horizonYears: '3',
      currentLevel: 'l4',
      targetLevel: 'L5',
    });
    const dashboard = await plans.dashboard(LA);
    expect(dashboard.northStar).toMatchObject({ currentLevel: 'L4', targetLevel: 'L5' });
    expect(dashboard.today).toBe('2026-12-31');
    // Setting the north star records its activity, which ticks the quick start.
    expect((await createActivityRepository(db).kindsOf('T1', LA.userId)).has('north_star.set')).toBe(true);
    const markdown = await plans.planMarkdown(LA, 'Ann');
    expect(markdown).toContain('> Go far');
    expect(markdown).toContain('## OKRs for 2026-Q4');
    expect(markdown).not.toContain('Mine');
    expect(await fieldOf(plans.career.saveLadder('T1', 'UA', [{ code: 'L3', title: '', summary: '' }]))).toBe(
      'level_0_title',
    );
  });
});
