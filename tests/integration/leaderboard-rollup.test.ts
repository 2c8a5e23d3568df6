import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../src/db/database.ts';
import { unitOfWork } from '../../src/db/unit-of-work.ts';
import { createActivityRepository } from '../../src/domain/activity/activity.repository.ts';
import type { ActivityEvent, ActivityKind } from '../../src/domain/activity/activity.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { readBoard } from '../../src/domain/leaderboard/board.repository.ts';
import { createLeaderboardRepository } from '../../src/domain/leaderboard/leaderboard.repository.ts';
import { createLeaderboardService } from '../../src/domain/leaderboard/leaderboard.service.ts';
import { periodOf, periodStartOf, type Span, weekAt } from '../../src/domain/leaderboard/periods.ts';
import { effectiveRules, scoreWeeks } from '../../src/domain/leaderboard/scoring.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/leaderboard/settings.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

const TEAM = 'T0LEADER';
const ALICE = 'U0ALICE';

/**
 * The roll-up behind the standings (migration 0007): kept by triggers in each event's own
 * transaction, correct when the same event is recorded twice at once and when many awards race,
 * equal to the TypeScript scoring rule, rescored when an admin edits the points, rebuilt when the
 * team's zone moves its weeks.
 */
describe('the leaderboard roll-up', () => {
  let database: TestDatabase;
  let db: Db;
  // A second pool: concurrent writers on separate connections, as two app processes would be.
  let other: Db;

  const event = (over: Partial<ActivityEvent> & { sourceKey: string }): ActivityEvent => ({
    teamId: TEAM,
    userId: ALICE,
    kind: 'summary.posted',
    occurredAt: new Date('2026-12-09T10:00:00Z'),
    ...over,
  });
  const scores = (span: Span, userId = ALICE) =>
    db
      .selectFrom('leaderboard_scores')
      .select(['period_start', 'points'])
      .where('team_id', '=', TEAM)
      .where('span', '=', span)
      .where('user_id', '=', userId)
      .orderBy('period_start')
      .execute();

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb(database.url, 30).db;
    other = createDb(database.url, 30).db;
  });
  afterAll(async () => {
    await db?.destroy();
    await other?.destroy();
    await database?.drop();
  });
  beforeEach(async () => {
    await db.deleteFrom('activity_events').execute();
    await db.deleteFrom('leaderboard_team_points').execute();
    await db.deleteFrom('leaderboard_optouts').execute();
    await db.deleteFrom('workspaces').execute();
    await db.insertInto('workspaces').values({ team_id: TEAM, default_tz: 'UTC' }).execute();
  });

  it('the same event recorded twice at once counts once', async () => {
    const same = event({ sourceKey: 'summary:1' });
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => createActivityRepository(i % 2 ? db : other).record([same])),
    );
    expect(await db.selectFrom('activity_events').select('id').execute()).toHaveLength(1);
    expect(await scores('week')).toEqual([{ period_start: '2026-12-07', points: 3 }]);
    const counts = await db.selectFrom('leaderboard_weeks').select(['kind', 'events']).execute();
    expect(counts).toEqual([{ kind: 'summary.posted', events: 1 }]);
  });

  it('racing awards lose nothing and never pass the weekly cap', async () => {
    // 12 feedback answers in one week, each in its own transaction, all at once: 3 count (cap 3).
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        (i % 2 ? db : other)
          .transaction()
          .execute((trx) =>
            createActivityRepository(trx).record([event({ kind: 'feedback.given', sourceKey: `fb:${i}` })]),
          ),
      ),
    );
    const counts = await db.selectFrom('leaderboard_weeks').select(['events']).execute();
    expect(counts).toEqual([{ events: 12 }]);
    expect(await scores('week')).toEqual([{ period_start: '2026-12-07', points: 9 }]);
    // Removing events one by one gives the points back only when fewer than the cap remain.
    for (let i = 0; i < 10; i++) await createActivityRepository(db).removeSource(TEAM, `fb:${i}`);
    expect(await scores('week')).toEqual([{ period_start: '2026-12-07', points: 6 }]);
  });

  it('deleting a source (a contribution) removes its points, and an emptied row goes', async () => {
    const activity = createActivityRepository(db);
    await activity.record([
      event({ kind: 'contribution.logged', sourceKey: 'contribution:7' }),
      event({ kind: 'artifact.talk', sourceKey: 'contribution:7#artifact' }),
    ]);
    expect(await scores('month')).toEqual([{ period_start: '2026-12-01', points: 3 }]);
    expect(await activity.removeSource(TEAM, 'contribution:7')).toBe(2);
    expect(await scores('week')).toEqual([]);
    expect(await scores('quarter')).toEqual([]);
    expect(await db.selectFrom('leaderboard_weeks').selectAll().execute()).toEqual([]);
  });

  it('scores what the TypeScript rule scores, for every span', async () => {
    // A seeded walk over 20 weeks around a year end: several kinds, some past their cap.
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const kinds: ActivityKind[] = ['summary.posted', 'feedback.given', 'key_result.moved', 'north_star.set'];
    const events: ActivityEvent[] = [];
    for (let i = 0; i < 400; i++) {
      const at = new Date(Date.UTC(2026, 10, 2) + Math.floor(random() * 140 * 24 * 3600_000));
      const kind = kinds[Math.floor(random() * kinds.length)] as ActivityKind;
      events.push(
        event({ kind, occurredAt: at, sourceKey: `e:${i}`, userId: random() < 0.5 ? ALICE : 'U0BOB' }),
      );
    }
    await createActivityRepository(db).record(events);
    const rules = effectiveRules(new Map());
    for (const span of ['week', 'month', 'quarter'] as const) {
      for (const userId of [ALICE, 'U0BOB']) {
        const expected = new Map<string, Array<{ kind: string; events: number }>>();
        const perWeekKind = new Map<string, number>();
        for (const e of events.filter((x) => x.userId === userId)) {
          const key = `${weekAt(e.occurredAt, 'UTC')}|${e.kind}`;
          perWeekKind.set(key, (perWeekKind.get(key) ?? 0) + 1);
        }
        for (const [key, n] of perWeekKind) {
          const [week = '', kind = ''] = key.split('|');
          const start = periodStartOf(span, week);
          expected.set(start, [...(expected.get(start) ?? []), { kind, events: n }]);
        }
        const want = [...expected]
          .map(([start, rows]) => ({ period_start: start, points: scoreWeeks(rows, rules).total }))
          .filter((r) => r.points > 0)
          .sort((a, b) => a.period_start.localeCompare(b.period_start));
        expect({ span, userId, rows: await scores(span, userId) }).toEqual({ span, userId, rows: want });
      }
    }
  });

  it("an admin's edit of the points rescores the team at once", async () => {
    await createActivityRepository(db).record([
      event({ sourceKey: 's:1' }),
      event({ sourceKey: 's:2', occurredAt: new Date('2026-12-10T10:00:00Z') }),
    ]);
    expect(await scores('week')).toEqual([{ period_start: '2026-12-07', points: 3 }]);
    const repository = createLeaderboardRepository(db);
    await repository.saveSettings(
      TEAM,
      DEFAULT_SETTINGS,
      new Map([['summary.posted', { points: 4, weeklyCap: 2 }]]),
    );
    expect(await scores('week')).toEqual([{ period_start: '2026-12-07', points: 8 }]);
    // New awards use the edited rule too.
    await createActivityRepository(db).record([
      event({ sourceKey: 's:3', occurredAt: new Date('2026-12-16T10:00:00Z') }),
    ]);
    expect(await scores('month')).toEqual([{ period_start: '2026-12-01', points: 12 }]);
  });

  it("a change of the team's zone moves events to the weeks of the new zone", async () => {
    // Sunday 23:30 UTC is already Monday in Tokyo.
    await createActivityRepository(db).record([
      event({ sourceKey: 's:1', occurredAt: new Date('2026-12-13T23:30:00Z') }),
    ]);
    expect(await scores('week')).toEqual([{ period_start: '2026-12-07', points: 3 }]);
    await db
      .updateTable('workspaces')
      .set({ default_tz: 'Asia/Tokyo' })
      .where('team_id', '=', TEAM)
      .execute();
    expect(await scores('week')).toEqual([{ period_start: '2026-12-14', points: 3 }]);
    // And later events are counted in the new zone.
    await createActivityRepository(db).record([
      event({ sourceKey: 's:2', occurredAt: new Date('2026-12-20T16:00:00Z') }),
    ]);
    expect(await scores('week')).toEqual([
      { period_start: '2026-12-14', points: 3 },
      { period_start: '2026-12-21', points: 3 },
    ]);
  });

  it('the default points in code are synced into the database, and every team rescored', async () => {
    await createActivityRepository(db).record([event({ sourceKey: 's:1' })]);
    const repository = createLeaderboardRepository(db);
    const defaults = new Map([['summary.posted', { points: 7, weeklyCap: 1 }]]);
    expect(await repository.syncDefaultRules(defaults)).toBe(true);
    expect(await repository.syncDefaultRules(defaults)).toBe(false);
    await repository.rescoreAll();
    expect(await scores('week')).toEqual([{ period_start: '2026-12-07', points: 7 }]);
    const restore = new Map(
      Object.entries((await import('../../src/domain/activity/points.ts')).DEFAULT_POINTS),
    );
    await repository.syncDefaultRules(restore as Map<string, { points: number; weeklyCap: number }>);
    await repository.rescoreAll();
    expect(await scores('week')).toEqual([{ period_start: '2026-12-07', points: 3 }]);
  });

  it('a board reads ranks, streaks, streak keepers and the viewer in one statement', async () => {
    await db
      .insertInto('members')
      .values([
        { team_id: TEAM, user_id: ALICE, display_name: 'alice' },
        { team_id: TEAM, user_id: 'U0BOB', display_name: 'bob' },
        { team_id: TEAM, user_id: 'U0CAROL', display_name: '', real_name: 'Carol Real' },
      ])
      .onConflict((oc) => oc.doNothing())
      .execute();
    const weeks = ['2026-11-23', '2026-11-30', '2026-12-07'];
    await createActivityRepository(db).record([
      ...weeks.map((w, n) => event({ sourceKey: `a:${n}`, occurredAt: new Date(`${w}T12:00:00Z`) })),
      ...weeks
        .slice(1)
        .map((w, n) =>
          event({ userId: 'U0BOB', sourceKey: `b:${n}`, occurredAt: new Date(`${w}T12:00:00Z`) }),
        ),
      event({ userId: 'U0CAROL', kind: 'feedback.given', sourceKey: 'c:1' }),
      event({ userId: 'U0CAROL', kind: 'feedback.given', sourceKey: 'c:2' }),
    ]);
    const repository = createLeaderboardRepository(db);
    await repository.optOut(TEAM, 'U0BOB');
    const service = createLeaderboardService({
      repository,
      readBoard: (input) => readBoard(db, input),
      uow: unitOfWork(db, (trx) => createLeaderboardRepository(trx)),
      teamZone: async () => 'UTC',
      clock: fixedClock(new Date('2026-12-14T09:00:00Z')),
    });
    const board = await service.finished(TEAM, periodOf('week', '2026-12-07'));
    expect(board.top.map((t) => [t.name, t.rank, t.points, t.streak])).toEqual([
      ['Carol Real', 1, 6, { current: 0, longest: 0 }],
      ['alice', 2, 3, { current: 3, longest: 3 }],
    ]);
    expect(board).toMatchObject({ total: 12, previousTotal: 6, scorers: 3, kept: ['alice'], keptUnnamed: 1 });
    const mine = await service.standingsNow(TEAM, 'month', 'U0BOB');
    expect(mine.viewer).toMatchObject({
      rank: undefined,
      points: 6,
      optedOut: true,
      streak: { current: 2, longest: 2 },
    });
    expect(mine.viewer?.lines).toEqual([{ kind: 'summary.posted', events: 2, counted: 2, points: 6 }]);
  });

  it('keeps nothing about a member once their activity is erased', async () => {
    const repository = createLeaderboardRepository(db);
    await createActivityRepository(db).record([event({ sourceKey: 's:1' })]);
    await repository.optOut(TEAM, ALICE);
    expect(await repository.eraseMember(TEAM, ALICE)).toEqual({ optOuts: 1, weeks: 1 });
    await createActivityRepository(db).eraseMember(TEAM, ALICE);
    for (const table of ['leaderboard_weeks', 'leaderboard_scores', 'leaderboard_optouts'] as const) {
      const left = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(db);
      expect({ table, rows: left.rows[0]?.n }).toEqual({ table, rows: 0 });
    }
  });
});
