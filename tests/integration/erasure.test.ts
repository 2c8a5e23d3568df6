import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../src/db/database.ts';
import { createActivityRepository } from '../../src/domain/activity/activity.repository.ts';
import { createPortfolioRepository } from '../../src/domain/portfolio/portfolio.repository.ts';
import { createErasureRepository } from '../../src/domain/privacy/erasure.repository.ts';
import { createErasureService } from '../../src/domain/privacy/erasure.service.ts';
import { createReadinessRepository } from '../../src/domain/readiness/readiness.repository.ts';
import { createWorkspaceRepository } from '../../src/domain/workspaces/workspace.repository.ts';
import { createOutboxRepository } from '../../src/outbox/outbox.repository.ts';
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
const fields = {
  kind: 'talk',
  title: 'Talk',
  link: null,
  impact: 'It helped.',
  occurredOn: '2026-08-01',
  evidenceFor: null,
};

/**
 * The erase inventory reads information_schema, so a table a future feature adds is counted (and,
 * when no erase hook covers it, reported as left over) without any edit to delete-my-data.
 */
describe('delete-my-data on real Postgres', () => {
  let testDb: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = createDb(testDb.url).db;
    const workspaces = createWorkspaceRepository(db);
    for (const team of ['T1', 'T2']) {
      await workspaces.upsertWorkspace(team);
      for (const user of ['UA', 'UB']) {
        await workspaces.saveMemberProfile(team, user, profile);
        const id = await createPortfolioRepository(db).add(team, user, fields, 'manual');
        await createReadinessRepository(db).replaceEvidence(team, user, 'ic', 'mentored', [id]);
        await createActivityRepository(db).record([
          {
            teamId: team,
            userId: user,
            kind: 'artifact.talk',
            sourceKey: `artifact:${id}#artifact`,
            occurredAt: new Date(),
          },
        ]);
      }
    }
    // A table no feature of today knows about.
    await sql`CREATE TABLE x_future_feature (team_id text NOT NULL, user_id text NOT NULL, note text)`.execute(
      db,
    );
    await sql`INSERT INTO x_future_feature VALUES ('T1', 'UA', 'secret'), ('T2', 'UA', 'other team')`.execute(
      db,
    );
  });
  afterAll(async () => {
    await db.destroy();
    await testDb.drop();
  });

  it('counts the member’s rows in every table with team_id and user_id, this team only', async () => {
    expect(await createErasureRepository(db).inventory('T1', 'UA')).toEqual({
      activity_events: 1,
      // The leaderboard's weekly roll-up of that activity (its trigger keeps it in step).
      leaderboard_weeks: 1,
      members: 1,
      portfolio_artifacts: 1,
      readiness_evidence: 1,
      x_future_feature: 1,
    });
  });

  it('cancels only what is still planned for the member', async () => {
    const outbox = createOutboxRepository(db);
    const dueAt = new Date(Date.now() + 3600_000);
    const [planned, sent] = await outbox.insertMany([
      { teamId: 'T1', key: 'k1', kind: 'x.k', target: { type: 'dm', userId: 'UA' }, dueAt },
      { teamId: 'T1', key: 'k2', kind: 'x.k', target: { type: 'dm', userId: 'UA' }, dueAt },
      { teamId: 'T1', key: 'k3', kind: 'x.k', target: { type: 'dm', userId: 'UB' }, dueAt },
      { teamId: 'T2', key: 'k1', kind: 'x.k', target: { type: 'dm', userId: 'UA' }, dueAt },
    ]);
    // A DM already sent is the member's history, erased with the rest — not "cancelled".
    await db.updateTable('outbox').set({ status: 'sent' }).where('id', '=', String(sent?.id)).execute();
    expect(await outbox.cancelPendingForMember('T1', 'UA')).toBe(1);
    expect((await outbox.find(String(planned?.id)))?.status).toBe('skipped');
    expect((await outbox.find(String(sent?.id)))?.status).toBe('sent');
    const others = await db
      .selectFrom('outbox')
      .select('status')
      .where('idempotency_key', 'in', ['k1', 'k3'])
      .where('user_id', '!=', 'UA')
      .execute();
    expect(others.map((o) => o.status)).toEqual(['planned']);
  });

  it('reports a new table no erase hook covers as left over, and audits counts only', async () => {
    const repository = createErasureRepository(db);
    const service = createErasureService({
      inventory: repository.inventory,
      cancelReminders: createOutboxRepository(db).cancelPendingForMember,
      // Today's hooks, in short: the profile (portfolio and evidence cascade) and activity.
      eraseEverywhere: async ({ teamId, userId }) => ({
        'core.activity': await createActivityRepository(db).eraseMember(teamId, userId),
        'core.messages': await createOutboxRepository(db).eraseMember(teamId, userId),
        'core.profile': (await createWorkspaceRepository(db).deleteMember(teamId, userId)) ? 1 : 0,
      }),
      audit: repository,
    });
    const result = await service.erase({ teamId: 'T1', userId: 'UA' }, 'UA');
    expect(result.leftOver).toEqual({ x_future_feature: 1 });
    expect(await repository.inventory('T2', 'UA')).toMatchObject({ members: 1, x_future_feature: 1 });
    const audit = await db.selectFrom('erasure_audit').selectAll().execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ team_id: 'T1', subject_id: 'UA', actor_id: 'UA', by_admin: false });
    expect(audit[0]?.counts).toEqual({
      'core.activity': 1,
      'core.messages': 2,
      'core.profile': 1,
      'reminders.cancelled': 0,
    });
  });
});
