import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, type ProcessRole } from '../../src/config.ts';
import { buildDeps, type Deps } from '../../src/deps.ts';
import { QueueUnavailableError } from '../../src/jobs/errors.ts';
import { readiness } from '../../src/ops/health.ts';
import { createLogger } from '../../src/ops/logger.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { type FaultProxy, hostPortOf, startFaultProxy } from '../support/fault-proxy.ts';
import { deleteRedisPrefix, TEST_REDIS_URL, uniqueQueuePrefix } from '../support/redis.ts';
import { waitUntil } from '../support/rituals.ts';

const rejection = async (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('Redis faults on the producer side', () => {
  let database: TestDatabase;
  let proxy: FaultProxy;
  let prefix: string;
  const open: Deps[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });
  beforeEach(async () => {
    proxy = await startFaultProxy(hostPortOf(TEST_REDIS_URL, 6379));
    prefix = uniqueQueuePrefix();
  });
  afterEach(async () => {
    for (const deps of open.splice(0)) await deps.close();
    await proxy.close();
    await deleteRedisPrefix(prefix);
  });

  const depsFor = async (role: ProcessRole) => {
    const config = loadConfig(
      {
        SLACK_BOT_TOKEN: 'xoxb-redis-faults',
        SLACK_SIGNING_SECRET: 'secret',
        DATABASE_URL: database.url,
        REDIS_URL: proxy.url(TEST_REDIS_URL),
        QUEUE_PREFIX: prefix,
        REDIS_COMMAND_TIMEOUT_MS: '500',
      },
      role,
    );
    const deps = buildDeps(config, createLogger('silent'));
    open.push(deps);
    await waitUntil(() => deps.redisProducer.status === 'ready', 10_000, 'the producer connection');
    return deps;
  };

  /** Whether a job id exists, read on a direct connection (not through the proxy). */
  const jobExists = async (jobId: string) => {
    const direct = new Redis(TEST_REDIS_URL);
    try {
      return (await direct.exists(`${prefix}:housekeeping:${jobId}`)) === 1;
    } finally {
      direct.disconnect();
    }
  };

  it('Redis down: enqueue fails at once with QueueUnavailableError, and nothing runs once it is back', async () => {
    const deps = await depsFor('web');
    proxy.refuse();
    await waitUntil(() => deps.redisProducer.status !== 'ready', 5000, 'the producer to notice');
    const error = await rejection(
      deps.queues.enqueue('sync-member', { teamId: 'T0RF', userId: 'U0DOWN' }, { jobId: 'while-down' }),
    );
    expect(error).toBeInstanceOf(QueueUnavailableError);
    expect((error as QueueUnavailableError).maybeQueued).toBe(false);

    proxy.restore();
    // A job added after the outage is there (once the producer is back: until then, adds fail
    // the same truthful way); the one refused during it never appears.
    await waitUntil(
      async () =>
        deps.queues.enqueue('sync-member', { teamId: 'T0RF', userId: 'U0UP' }, { jobId: 'after-up' }).then(
          () => true,
          (e: unknown) => {
            if (e instanceof QueueUnavailableError) return false;
            throw e;
          },
        ),
      15_000,
      'an add to succeed after the outage',
    );
    await waitUntil(() => jobExists('after-up'), 5000, 'the job added after the outage');
    expect(await jobExists('while-down')).toBe(false);
  });

  it('Redis stalled: enqueue gives up after the command timeout and says the job may exist', async () => {
    const deps = await depsFor('web');
    proxy.stall();
    const error = await rejection(
      deps.queues.enqueue('sync-member', { teamId: 'T0RF', userId: 'U0SLOW' }, { jobId: 'while-stalled' }),
    );
    expect(error).toBeInstanceOf(QueueUnavailableError);
    expect((error as QueueUnavailableError).maybeQueued).toBe(true);
    // The stalled bytes reach Redis once the link moves again: "may exist" was the truth.
    proxy.restore();
    await waitUntil(() => jobExists('while-stalled'), 10_000, 'the stalled job to land');
  });

  it('/metrics answers while Redis hangs, marking the queue collector as skipped', async () => {
    const deps = await depsFor('all');
    proxy.stall();
    const text = await deps.metrics.registry.metrics();
    expect(text).toContain('careerplan_metrics_collector_up{collector="queue"} 0');
    expect(text).toContain('careerplan_metrics_collector_up{collector="pg_pool"} 1');
    expect(text).toContain('careerplan_pg_pool_clients');
  });

  it('readiness is per role, and says which dependency fails without its error text', async () => {
    const web = await depsFor('web');
    const all = await depsFor('all');
    expect(web.readinessChecks.map((c) => c.name)).toEqual(['postgres']);
    expect(all.readinessChecks.map((c) => c.name)).toEqual(['postgres', 'redis']);
    expect((await readiness(all.readinessChecks)).ok).toBe(true);

    proxy.refuse();
    await waitUntil(() => all.redisProducer.status !== 'ready', 5000, 'the producer to notice');
    expect(await readiness(web.readinessChecks)).toEqual({
      ok: true,
      checks: [{ name: 'postgres', ok: true }],
    });
    const worker = await readiness(all.readinessChecks);
    expect(worker).toEqual({
      ok: false,
      checks: [
        { name: 'postgres', ok: true },
        { name: 'redis', ok: false },
      ],
    });
    expect(JSON.stringify(worker)).not.toMatch(/127\.0\.0\.1|ECONN|\d{4,5}/);
  });
});
