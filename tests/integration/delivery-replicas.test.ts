import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { buildDeps, type Deps } from '../../src/deps.ts';
import { buildJobHandlers } from '../../src/jobs/handlers/index.ts';
import { watchJobSchedulers } from '../../src/jobs/schedulers.ts';
import { startWorkers } from '../../src/jobs/worker.ts';
import { createLogger } from '../../src/ops/logger.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import { assembleFeatures } from '../../src/slack/assemble.ts';
import { type AppProcess, startAppProcess } from '../support/app-process.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { deleteRedisPrefix, TEST_REDIS_URL, uniqueQueuePrefix } from '../support/redis.ts';
import {
  deliveriesDrained,
  remindersPerMember,
  seedRitualChannel,
  setUpContribution,
  waitUntil,
} from '../support/rituals.ts';

const TEAM = 'T0REPLICA';
const TOKEN = 'xoxb-replica';
const CHANNEL = 'C0REPLICA';

describe('deliveries across replicas and Redis loss', () => {
  let fake: FakeSlack;
  let database: TestDatabase;
  let prefix: string;
  let deps: Deps;
  const processes: AppProcess[] = [];

  beforeAll(async () => {
    fake = await startFakeSlack();
    fake.addWorkspace({ teamId: TEAM, botToken: TOKEN });
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(async () => {
    fake.reset();
    database = await createTestDatabase();
    prefix = uniqueQueuePrefix();
  });
  afterEach(async () => {
    for (const p of processes.splice(0)) await p.kill('SIGKILL');
    await deps?.close();
    await database.drop();
    await deleteRedisPrefix(prefix);
  });

  const env = (messagesPerMinute: string) => ({
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_API_URL: fake.url,
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: prefix,
    SLACK_WORKSPACE_MESSAGES_PER_MINUTE: messagesPerMinute,
  });
  const sent = async () => Number((await deps.occurrences.countsByStatus(occurrenceId)).sent ?? 0);
  let occurrenceId = '';

  /** The ritual set up and an ad-hoc occurrence of it, due now. */
  const plannedRun = async () => {
    const ritual = await setUpContribution(deps, TEAM, CHANNEL);
    const occurrence = await deps.occurrences.upsertOccurrence({
      ritualId: ritual.id,
      teamId: TEAM,
      key: `run-${prefix}`,
      date: '2026-11-27',
      kind: 'adhoc',
      fanoutAt: new Date(),
    });
    occurrenceId = occurrence.id;
    return occurrence;
  };

  it('two worker processes share the work, each delivery’s timer twice: one DM each, both delivered', async () => {
    deps = buildDeps(loadConfig(env('3000'), 'worker'), createLogger('silent'));
    assembleFeatures(deps);
    const people = seedRitualChannel(fake, TEAM, CHANNEL, 120);
    const occurrence = await plannedRun();
    await deps.occurrences.recordFanout(
      occurrence,
      people.map((userId) => ({ userId, send: true, dueAt: new Date(), localDate: '2026-11-27', tz: 'UTC' })),
    );
    for (const name of ['a', 'b']) {
      processes.push(
        startAppProcess(`worker-${name}`, 'worker', {
          ...env('3000'),
          SLACK_API_URL: fake.urlFor(name),
          WORKER_CONCURRENCY: '20',
        }),
      );
    }
    await Promise.all(processes.map((p) => p.started));

    // Every delivery gets two timers (as after Redis lost a job that was running and reconcile
    // added it again), side by side, so the two processes race for the same row.
    const pending = await deps.outboxRepository.pending({ occurrenceId: occurrence.id });
    await deps.queues.queueFor('delivery').addBulk(
      pending.flatMap((d) =>
        ['deliver', 'twin'].map((kind) => ({
          name: 'deliver',
          data: { deliveryId: d.id, round: d.round, teamId: d.teamId },
          opts: { jobId: `${kind}__${d.id}__${d.round}`, attempts: 8 },
        })),
      ),
    );
    await waitUntil(async () => (await sent()) === people.length, 90_000, 'every delivery sent');
    // Every twin has run to its end (the ones that found the row in flight waited out the lease).
    await waitUntil(
      () => deliveriesDrained(deps.queues.queueFor('delivery')),
      90_000,
      'every twin to finish',
    );

    const perMember = remindersPerMember(fake);
    expect(perMember.size).toBe(people.length);
    expect([...perMember.values()].every((n) => n === 1)).toBe(true);
    const postsVia = (tag: string) =>
      fake.calls.filter((c) => c.method === 'chat.postMessage' && c.via === tag && c.response?.ok === true)
        .length;
    expect(postsVia('a')).toBeGreaterThan(0);
    expect(postsVia('b')).toBeGreaterThan(0);
    expect(postsVia('a') + postsVia('b')).toBe(people.length);
    expect(processes.every((p) => p.stray.length === 0)).toBe(true);
  }, 200_000);

  it('Redis flushed while deliveries are in flight: the worker restores its timers, one DM each', async () => {
    deps = buildDeps(loadConfig(env('2400'), 'worker'), createLogger('silent'));
    assembleFeatures(deps);
    const people = seedRitualChannel(fake, TEAM, CHANNEL, 160);
    const occurrence = await plannedRun();
    const workers = startWorkers({
      connection: deps.redis,
      prefix,
      handlers: buildJobHandlers(deps, new Map()),
      jobRuns: deps.jobRuns,
      metrics: deps.metrics,
      logger: deps.logger,
      errorLog: deps.errorLog,
      concurrency: 20,
    });
    // What the worker role runs: it notices the schedulers are gone and reconciles.
    const watchdog = watchJobSchedulers(deps.queues, deps.errorLog, deps.logger, 500);
    try {
      await deps.timers.fanout(occurrence);
      await waitUntil(async () => (await sent()) >= 30, 30_000, 'the first 30 DMs');
      await deleteRedisPrefix(prefix);
      const atFlush = await sent();
      expect(atFlush).toBeLessThan(people.length);

      await waitUntil(
        async () => (await sent()) === people.length,
        150_000,
        'every delivery sent after the flush',
      );
      const perMember = remindersPerMember(fake);
      expect(perMember.size).toBe(people.length);
      expect([...perMember.entries()].filter(([, n]) => n !== 1)).toEqual([]);
      expect(fake.violations).toEqual([]);
    } finally {
      watchdog.stop();
      await workers.close();
    }
  }, 200_000);
});
