import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { buildDeps, type Deps } from '../../src/deps.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { createRefreshMemberProfilesHandler } from '../../src/jobs/handlers/refresh-member-profiles.ts';
import { createLogger } from '../../src/ops/logger.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { deleteRedisPrefix, TEST_REDIS_URL, uniqueQueuePrefix } from '../support/redis.ts';

const NOW = new Date('2026-11-27T03:00:00Z');

describe('the daily profile refresh', () => {
  let database: TestDatabase;
  let deps: Deps;
  const prefix = uniqueQueuePrefix();

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = loadConfig(
      {
        SLACK_BOT_TOKEN: 'xoxb-refresh',
        DATABASE_URL: database.url,
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: prefix,
      },
      'worker',
    );
    deps = buildDeps(config, createLogger('silent'), fixedClock(NOW));
  });
  afterAll(async () => {
    await deps.close();
    await database.drop();
    await deleteRedisPrefix(prefix);
  });

  const profile = { realName: '', tz: 'UTC', isAdmin: false, isOwner: false, isBot: false };
  const seed = async (teamId: string, count: number, fields: { isDeleted: boolean; syncedAt: Date }) => {
    await deps.workspaces.upsertWorkspace(teamId);
    await deps.workspaces.saveMemberProfiles(
      teamId,
      Array.from({ length: count }, (_, i) => ({
        userId: `U${teamId.slice(1)}${String(i).padStart(5, '0')}`,
        profile: { ...profile, displayName: `p${i}`, isDeleted: fields.isDeleted },
      })),
    );
    await deps.db
      .updateTable('members')
      .set({ profile_synced_at: fields.syncedAt })
      .where('team_id', '=', teamId)
      .execute();
  };
  const queuedSyncs = async () =>
    (await deps.queues.queueFor('housekeeping').getJobs(['waiting'], 0, -1)).filter(
      (j) => j.name === 'sync-member',
    ).length;

  it('queues a sync for every stale member of every workspace, not just the first page', async () => {
    const twoDaysAgo = new Date(NOW.getTime() - 48 * 3600_000);
    await seed('T0BIG', 900, { isDeleted: false, syncedAt: twoDaysAgo });
    await seed('T0SMALL', 334, { isDeleted: false, syncedAt: twoDaysAgo });
    await seed('T0FRESH', 5, { isDeleted: false, syncedAt: new Date(NOW.getTime() - 3600_000) });
    await seed('T0GONE', 4, { isDeleted: true, syncedAt: twoDaysAgo });

    const refresh = createRefreshMemberProfilesHandler(deps);
    await refresh({ batchSize: 200 });
    expect(await queuedSyncs()).toBe(1234);
    // The same day again adds nothing (job ids carry the day).
    await refresh({ batchSize: 200 });
    expect(await queuedSyncs()).toBe(1234);
  });
});
