import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../src/db/database.ts';
import { createActivityRepository } from '../../src/domain/activity/activity.repository.ts';
import type { ActivityKind } from '../../src/domain/activity/activity.ts';
import { createCheckInRepository } from '../../src/domain/plans/checkin.repository.ts';
import { createLadderRepository } from '../../src/domain/plans/ladder.repository.ts';
import { DEFAULT_LADDER } from '../../src/domain/plans/ladder.ts';
import { createMilestoneRepository } from '../../src/domain/plans/milestone.repository.ts';
import { createNorthStarRepository } from '../../src/domain/plans/north-star.repository.ts';
import { createOkrRepository } from '../../src/domain/plans/okr.repository.ts';
import { CAREER_QUICK_START, quickStartStatus } from '../../src/domain/quick-start/quick-start.ts';
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

describe('career-plan repositories (real Postgres)', () => {
  let testDb: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = createDb(testDb.url).db;
    const workspaces = createWorkspaceRepository(db);
    for (const team of ['T1', 'T2']) {
      await workspaces.upsertWorkspace(team);
      for (const user of ['UA', 'UB']) await workspaces.saveMemberProfile(team, user, profile);
    }
  });
  afterAll(async () => {
    await db.destroy();
    await testDb.drop();
  });

  it('seeds the default ladder once per team, even for concurrent first reads, and replaces it', async () => {
    const ladders = createLadderRepository(db);
    const [a, b, c] = await Promise.all([ladders.get('T1'), ladders.get('T1'), ladders.get('T1')]);
    expect(a).toEqual([...DEFAULT_LADDER]);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    await ladders.replace('T1', [{ code: 'IC1', title: 'One', summary: '' }], 'UA');
    expect(await ladders.get('T1')).toEqual([{ code: 'IC1', title: 'One', summary: '' }]);
    expect(await ladders.get('T2')).toEqual([...DEFAULT_LADDER]);
  });

  it('keeps one north star per member, scoped by team', async () => {
    const stars = createNorthStarRepository(db);
    const ns = {
      track: 'ic' as const,
      destination: 'Go far',
      horizonYears: 3,
      currentLevel: 'L4',
      targetLevel: 'L5',
    };
    await stars.save('T1', 'UA', ns);
    await stars.save('T1', 'UA', { ...ns, horizonYears: 4 });
    expect(await stars.find('T1', 'UA')).toEqual({ ...ns, horizonYears: 4 });
    expect(await stars.find('T2', 'UA')).toBeNull();
    expect(await stars.find('T1', 'UB')).toBeNull();
  });

  it('finds and moves milestones only for their owner in their team', async () => {
    const milestones = createMilestoneRepository(db);
    const m = await milestones.create('T1', 'UA', {
      kind: 'delivery',
      title: 'Ship',
      dueDate: '2026-12-01',
      evidenceUrl: null,
    });
    expect(m).toMatchObject({ kind: 'delivery', status: 'planned', dueDate: '2026-12-01' });
    expect(await milestones.find('T1', 'UB', m.id)).toBeNull();
    expect(await milestones.find('T2', 'UA', m.id)).toBeNull();
    await milestones.setStatus('T2', 'UA', m.id, 'done');
    await milestones.setStatus('T1', 'UB', m.id, 'done');
    expect((await milestones.find('T1', 'UA', m.id))?.status).toBe('planned');
    await milestones.setStatus('T1', 'UA', m.id, 'done');
    expect(await milestones.list('T1', 'UA')).toEqual([{ ...m, status: 'done' }]);
    expect(await milestones.list('T2', 'UA')).toEqual([]);
  });

  it('keeps every check-in, archives objectives and key results, and scopes by team', async () => {
    const okrs = createOkrRepository(db);
    const checkIns = createCheckInRepository(db);
    const objectiveId = await okrs.createObjective('T1', 'UA', '2026-Q3', 'Be fast', [
      { title: 'Latency', kind: 'metric', start: 800, target: 200, current: 800, unit: 'ms' },
      { title: 'Migration', kind: 'percent', current: 0 },
    ]);
    const [latency, migration] = (await okrs.listQuarter('T1', 'UA', '2026-Q3'))[0]?.keyResults ?? [];
    expect(latency).toMatchObject({
      title: 'Latency',
      kind: 'metric',
      start: 800,
      target: 200,
      current: 800,
      unit: 'ms',
    });
    expect(migration).toMatchObject({ title: 'Migration', kind: 'percent', current: 0 });

    await checkIns.recordCheckIn('T1', 'UA', latency?.id ?? '', 600, 800, 'first');
    await checkIns.recordCheckIn('T1', 'UA', latency?.id ?? '', 450, 600, '');
    const history = await checkIns.checkIns('T1', 'UA', latency?.id ?? '');
    expect(history.map((c) => [c.previousValue, c.value, c.note])).toEqual([
      [800, 600, 'first'],
      [600, 450, ''],
    ]);
    expect((await okrs.findKeyResult('T1', 'UA', latency?.id ?? ''))?.keyResult.current).toBe(450);
    expect(await checkIns.checkIns('T2', 'UA', latency?.id ?? '')).toEqual([]);
    expect(await okrs.findKeyResult('T2', 'UA', latency?.id ?? '')).toBeNull();
    expect(await okrs.findObjective('T1', 'UB', objectiveId)).toBeNull();

    await okrs.archiveKeyResult('T1', 'UB', migration?.id ?? '');
    expect((await okrs.listQuarter('T1', 'UA', '2026-Q3'))[0]?.keyResults).toHaveLength(2);
    await okrs.archiveKeyResult('T1', 'UA', migration?.id ?? '');
    expect((await okrs.listQuarter('T1', 'UA', '2026-Q3'))[0]?.keyResults.map((k) => k.title)).toEqual([
      'Latency',
    ]);

    await okrs.addKeyResult('T1', 'UA', objectiveId, { title: 'Errors', kind: 'percent', current: 10 });
    expect((await okrs.findObjective('T1', 'UA', objectiveId))?.keyResults.map((k) => k.title)).toEqual([
      'Latency',
      'Errors',
    ]);

    expect(await okrs.countActiveObjectives('T1', 'UA', '2026-Q3')).toBe(1);
    await okrs.archiveObjective('T2', 'UA', objectiveId);
    expect(await okrs.countActiveObjectives('T1', 'UA', '2026-Q3')).toBe(1);
    await okrs.archiveObjective('T1', 'UA', objectiveId);
    expect(await okrs.countActiveObjectives('T1', 'UA', '2026-Q3')).toBe(0);
    expect(await okrs.listQuarter('T1', 'UA', '2026-Q3')).toEqual([]);
    expect((await okrs.findObjective('T1', 'UA', objectiveId))?.archived).toBe(true);
    // The history outlives archiving.
    expect(await checkIns.checkIns('T1', 'UA', latency?.id ?? '')).toHaveLength(2);
  });

  it('ticks quick-start items from activity events, once per source, never across workspaces', async () => {
    const activity = createActivityRepository(db);
    const status = async (team = 'T1') =>
      quickStartStatus(CAREER_QUICK_START, await activity.kindsOf(team, 'UB'));
    expect((await status()).doneCount).toBe(0);
    const at = new Date('2026-08-01T10:00:00Z');
    const event = (kind: ActivityKind, sourceKey: string, teamId = 'T1') => ({
      teamId,
      userId: 'UB',
      kind,
      sourceKey,
      occurredAt: at,
    });
    await activity.record([
      event('artifact.design_doc', 'a:1'),
      event('artifact.feature_shipped', 'a:2'),
      event('artifact.mentoring_note', 'a:3', 'T2'),
    ]);
    expect((await status()).items.filter((i) => i.done)).toEqual([]);
    await activity.record([event('artifact.blog_post', 'a:4'), event('artifact.mentoring_note', 'a:5')]);
    expect((await status()).items.filter((i) => i.done).map((i) => i.id)).toEqual([
      'public_artifact',
      'mentoring',
    ]);
    // The same source recorded twice, even at once, is one row.
    await Promise.all([
      activity.record([event('north_star.set', 'ns:UB')]),
      activity.record([event('north_star.set', 'ns:UB')]),
    ]);
    const rows = await db
      .selectFrom('activity_events')
      .select('id')
      .where('source_key', '=', 'ns:UB')
      .execute();
    expect(rows).toHaveLength(1);
    expect((await status()).doneCount).toBe(3);
    expect((await status('T2')).doneCount).toBe(1);
    // Deleting the source removes its activity, and its item unticks.
    await activity.removeSource('T1', 'a:4');
    expect((await status()).items.find((i) => i.id === 'public_artifact')?.done).toBe(false);
  });

  it('deleting a member erases their plan (cascade)', async () => {
    await db.deleteFrom('members').where('team_id', '=', 'T1').where('user_id', '=', 'UA').execute();
    for (const table of [
      'north_stars',
      'milestones',
      'objectives',
      'key_results',
      'key_result_checkins',
    ] as const) {
      const rows = await db
        .selectFrom(table)
        .select('team_id')
        .where('team_id', '=', 'T1')
        .where('user_id', '=', 'UA')
        .execute();
      expect(rows).toEqual([]);
    }
  });
});
