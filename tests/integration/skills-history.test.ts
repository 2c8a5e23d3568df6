import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../src/db/database.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { createSkillServices, type SkillServices } from '../../src/domain/skills/index.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

const TEAM = 'T0HIST';
const OTHER_TEAM = 'T0OTHER';

async function member(db: Db, teamId: string, userId: string) {
  await db
    .insertInto('workspaces')
    .values({ team_id: teamId })
    .onConflict((oc) => oc.doNothing())
    .execute();
  await db.insertInto('members').values({ team_id: teamId, user_id: userId, tz: 'UTC' }).execute();
}

describe('assessment history on Postgres: latest per skill and the change since the previous one', () => {
  let database: TestDatabase;
  let db: Db;
  let close: () => Promise<void>;
  let services: SkillServices;
  const clock = fixedClock(new Date('2026-01-10T10:00:00Z'));
  const owner = { teamId: TEAM, userId: 'U0ADA', tz: 'UTC' };

  beforeAll(async () => {
    database = await createTestDatabase();
    const created = createDb(database.url, 4);
    db = created.db;
    close = () => db.destroy();
    for (const [teamId, userId] of [
      [TEAM, 'U0ADA'],
      [TEAM, 'U0BEN'],
      [OTHER_TEAM, 'U0ADA'],
    ] as const) {
      await member(db, teamId, userId);
    }
    services = createSkillServices(db, clock);
  });
  afterAll(async () => {
    await close();
    await database.drop();
  });

  it('seeds a team’s catalogue once, even when two first reads race', async () => {
    const [a, b] = await Promise.all([services.skills.catalog(TEAM), services.skills.catalog(TEAM)]);
    expect(a.skills.map((s) => s.id)).toEqual(b.skills.map((s) => s.id));
    const count = await db
      .selectFrom('skills')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('team_id', '=', TEAM)
      .executeTakeFirst();
    expect(count?.n).toBe(16);
    expect(a.domains).toHaveLength(5);
  });

  it('keeps every assessment; the history answers each skill’s latest and previous rating, for this member and team only', async () => {
    const catalog = await services.skills.catalog(TEAM);
    const [testing, review, ci] = catalog.skills.map((s) => s.id) as [string, string, string];
    const rate = (level: number, target: number, ...skills: string[]) =>
      services.skills.assess(
        owner,
        {
          entries: skills.map((skillId) => ({ skillId, level: String(level), target: String(target) })),
          confirmLowerTargets: false,
        },
        { source: 'self' },
      );
    await rate(1, 3, testing, review);
    clock.set(new Date('2026-02-10T10:00:00Z'));
    await rate(2, 4, testing);
    clock.set(new Date('2026-03-10T10:00:00Z'));
    const third = await rate(4, 4, testing, ci);
    expect(third.changes.map((c) => [c.skill.name, c.change])).toEqual([
      ['Testing strategies', { kind: 'up', by: 2 }],
      ['Refactoring', { kind: 'new' }],
    ]);
    // Same instant twice: the later assessment (higher id) is the latest.
    await rate(3, 4, ci);
    // Other people's ratings never leak in: another member, and the same user id in another team.
    await services.skills.assess(
      { ...owner, userId: 'U0BEN' },
      { entries: [{ skillId: testing, level: '5', target: '5' }], confirmLowerTargets: false },
      { source: 'self' },
    );
    const otherCatalog = await services.skills.catalog(OTHER_TEAM);
    await services.skills.assess(
      { ...owner, teamId: OTHER_TEAM },
      {
        entries: [{ skillId: otherCatalog.skills[0]?.id ?? '', level: '5', target: '5' }],
        confirmLowerTargets: false,
      },
      { source: 'self' },
    );

    const history = await services.store.assessments.history(TEAM, 'U0ADA');
    expect([...history.keys()].sort()).toEqual([testing, review, ci].sort());
    expect(history.get(testing)).toMatchObject({
      latest: { level: 4, target: 4 },
      previous: { level: 2, target: 4 },
    });
    expect(history.get(review)).toMatchObject({ latest: { level: 1, target: 3 }, previous: null });
    expect(history.get(ci)).toMatchObject({ latest: { level: 3 }, previous: { level: 4 } });
    const stored = await db
      .selectFrom('skill_assessments')
      .select('id')
      .where('user_id', '=', 'U0ADA')
      .where('team_id', '=', TEAM)
      .execute();
    expect(stored).toHaveLength(4);

    const profile = await services.skills.profile(owner);
    expect(profile.gaps.map((g) => [g.skill.name, g.gap])).toEqual([
      ['Code review', 2],
      ['Refactoring', 1],
    ]);
  });

  it('reads each skill’s two latest ratings through the history index, not the whole history', async () => {
    const plan = await db.transaction().execute(async (trx) => {
      // With a few rows the planner would rightly scan; forbid that to see the index is usable.
      await sql`SET LOCAL enable_seqscan = off`.execute(trx);
      const rows = await sql<{ 'QUERY PLAN': string }>`
        EXPLAIN SELECT s.id, r.level FROM skills s CROSS JOIN LATERAL (
          SELECT level, target, assessed_at FROM skill_ratings
           WHERE team_id = s.team_id AND user_id = 'U0ADA' AND skill_id = s.id
           ORDER BY assessed_at DESC, assessment_id DESC LIMIT 2) r
         WHERE s.team_id = ${TEAM}`.execute(trx);
      return rows.rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('skill_ratings_history_idx');
    expect(plan).not.toMatch(/Sort/);
  });
});
