import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../src/db/database.ts';
import { PermanentJobError } from '../../src/jobs/errors.ts';
import { createJobRunRepository } from '../../src/jobs/job-runs.repository.ts';
import { createJobQueues, jobId } from '../../src/jobs/queues.ts';
import { type JobHandlers, startWorkers } from '../../src/jobs/worker.ts';
import { createLogger } from '../../src/ops/logger.ts';
import { createMetrics } from '../../src/ops/metrics.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { deleteRedisPrefix, TEST_REDIS_URL, uniqueQueuePrefix } from '../support/redis.ts';

async function waitFor(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met in time');
}

describe('job status recording (real Redis + Postgres)', () => {
  let testDb: TestDatabase;
  let db: Db;
  let redis: Redis;
  const prefix = uniqueQueuePrefix();

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = createDb(testDb.url).db;
    redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  });
  afterAll(async () => {
    redis.disconnect();
    await db.destroy();
    await testDb.drop();
    await deleteRedisPrefix(prefix);
  });

  it('records queued → running → done, and failed with attempts and the last error', async () => {
    const jobRuns = createJobRunRepository(db);
    const metrics = createMetrics();
    const queues = createJobQueues({ connection: redis, prefix, jobRuns, metrics });
    const seen: string[] = [];
    const handlers: JobHandlers = {
      'refresh-member-profiles': async () => {
        seen.push('refresh');
      },
      'sync-member': async ({ userId }, info) => {
        if (userId === 'UGONE')
          throw new PermanentJobError('user_not_found', 'users.info said user_not_found');
        if (userId === 'UFLAKY') throw new Error(`flaky attempt ${info.attempt}`);
      },
      'reconcile-rituals': async () => {},
      'fanout-occurrence': async () => {},
      'occurrence-step': async () => {},
      deliver: async () => {},
      'feature-job': async () => {},
      'outbox-unschedule': async () => {},
    };
    const workers = startWorkers({
      connection: redis,
      prefix,
      handlers,
      jobRuns,
      metrics,
      logger: createLogger('silent'),
    });
    try {
      const okId = await queues.enqueue(
        'refresh-member-profiles',
        { batchSize: 5 },
        { jobId: jobId('refresh', 'a') },
      );
      const goneId = await queues.enqueue(
        'sync-member',
        { teamId: 'T1', userId: 'UGONE' },
        { jobId: 'gone', teamId: 'T1' },
      );
      const flakyId = await queues.enqueue(
        'sync-member',
        { teamId: 'T1', userId: 'UFLAKY' },
        { jobId: 'flaky', teamId: 'T1' },
      );

      await waitFor(async () => (await jobRuns.find('housekeeping', okId))?.status === 'done');
      expect(seen).toEqual(['refresh']);
      expect(await jobRuns.find('housekeeping', okId)).toMatchObject({
        status: 'done',
        attempts: 1,
        lastError: null,
      });

      await waitFor(async () => (await jobRuns.find('housekeeping', goneId))?.status === 'failed');
      expect(await jobRuns.find('housekeeping', goneId)).toMatchObject({
        status: 'failed',
        attempts: 1, // permanent: no retry
        teamId: 'T1',
        lastError: 'users.info said user_not_found',
      });

      // attempts is 1 from the moment the first run starts; wait for that run's failure too.
      await waitFor(async () => {
        const run = await jobRuns.find('housekeeping', flakyId);
        return run?.attempts === 1 && run.status === 'queued';
      });
      const afterFirst = await jobRuns.find('housekeeping', flakyId);
      expect(afterFirst).toMatchObject({ status: 'queued', lastError: 'flaky attempt 1' });

      const metricsText = await metrics.registry.metrics();
      expect(metricsText).toMatch(
        /careerplan_jobs_total\{queue="housekeeping",name="sync-member",outcome="failed"\} 1/,
      );
      expect(metricsText).toMatch(/careerplan_queue_jobs\{queue="housekeeping",state="delayed"\} 1/);
    } finally {
      await workers.close();
      await queues.close();
    }
  });

  it('enqueueing the same job id twice adds one job', async () => {
    const jobRuns = createJobRunRepository(db);
    const queues = createJobQueues({
      connection: redis,
      prefix: `${prefix}-dup`,
      jobRuns,
      metrics: createMetrics(),
    });
    try {
      await queues.enqueue('sync-member', { teamId: 'T1', userId: 'U1' }, { jobId: 'same' });
      await queues.enqueue('sync-member', { teamId: 'T1', userId: 'U1' }, { jobId: 'same' });
      expect(await queues.queueFor('housekeeping').getJobCounts('waiting')).toEqual({ waiting: 1 });
    } finally {
      await queues.close();
      await deleteRedisPrefix(`${prefix}-dup`);
    }
  });

  it('refuses a payload that does not match the catalogue schema', async () => {
    const jobRuns = createJobRunRepository(db);
    const queues = createJobQueues({
      connection: redis,
      prefix: `${prefix}-bad`,
      jobRuns,
      metrics: createMetrics(),
    });
    try {
      await expect(queues.enqueue('sync-member', { teamId: 'nope', userId: 'U1' })).rejects.toThrow(
        /Slack team id/,
      );
    } finally {
      await queues.close();
    }
  });
});
