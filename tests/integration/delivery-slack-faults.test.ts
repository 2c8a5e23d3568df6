import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { buildDeps, type Deps } from '../../src/deps.ts';
import { buildJobHandlers } from '../../src/jobs/handlers/index.ts';
import { startWorkers, type Workers } from '../../src/jobs/worker.ts';
import { createLogger } from '../../src/ops/logger.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import { assembleFeatures } from '../../src/slack/assemble.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { deleteRedisPrefix, TEST_REDIS_URL, uniqueQueuePrefix } from '../support/redis.ts';
import { remindersPerMember, seedRitualChannel, setUpContribution, waitUntil } from '../support/rituals.ts';

const TEAM = 'T0SLACKF';
const TOKEN = 'xoxb-slack-faults';
const CHANNEL = 'C0SLACKF';

/** Repeatable "random" failures (mulberry32). */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('deliveries when Slack misbehaves', () => {
  let fake: FakeSlack;
  let database: TestDatabase;
  let deps: Deps;
  let workers: Workers;
  let prefix: string;

  beforeAll(async () => {
    fake = await startFakeSlack({ random: seeded(7) });
    fake.addWorkspace({ teamId: TEAM, botToken: TOKEN });
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(async () => {
    fake.reset();
    database = await createTestDatabase();
    prefix = uniqueQueuePrefix();
    const config = loadConfig(
      {
        SLACK_BOT_TOKEN: TOKEN,
        SLACK_API_URL: fake.url,
        DATABASE_URL: database.url,
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: prefix,
        SLACK_WORKSPACE_MESSAGES_PER_MINUTE: '60000',
      },
      'worker',
    );
    deps = buildDeps(config, createLogger('silent'));
    assembleFeatures(deps);
    workers = startWorkers({
      connection: deps.redis,
      prefix,
      handlers: buildJobHandlers(deps, new Map()),
      jobRuns: deps.jobRuns,
      metrics: deps.metrics,
      logger: deps.logger,
      errorLog: deps.errorLog,
      concurrency: 20,
    });
  });
  afterEach(async () => {
    await workers.close();
    await deps.close();
    await database.drop();
    await deleteRedisPrefix(prefix);
  });

  /** `count` people in the ritual channel, their profiles known, and an ad-hoc run fanned out. */
  const run = async (count: number) => {
    const people = seedRitualChannel(fake, TEAM, CHANNEL, count);
    const ritual = await setUpContribution(deps, TEAM, CHANNEL);
    const occurrence = await deps.occurrences.upsertOccurrence({
      ritualId: ritual.id,
      teamId: TEAM,
      key: `run-${prefix}`,
      date: '2026-11-27',
      kind: 'adhoc',
      fanoutAt: new Date(),
    });
    await deps.occurrences.recordFanout(
      occurrence,
      people.map((userId) => ({ userId, send: true, dueAt: new Date(), localDate: '2026-11-27', tz: 'UTC' })),
    );
    await deps.timers.deliver(await deps.outboxRepository.pending({ occurrenceId: occurrence.id }));
    const sent = async () => (await deps.occurrences.countsByStatus(occurrence.id)).sent ?? 0;
    return { people, occurrence, sent };
  };

  it('Slack posts the reminder but answers 503: the retry finds it in the DM and posts nothing', async () => {
    fake.injectFailures({ method: 'chat.postMessage', status: 503, afterPost: true, times: 1 });
    const { people, sent } = await run(1);
    await waitUntil(async () => (await sent()) === 1, 30_000, 'the delivery recorded as sent');
    expect(remindersPerMember(fake).get(`D${people[0]}`)).toBe(1);
    expect(fake.calls.filter((c) => c.injectedStatus === 503 && c.response?.ok)).toHaveLength(1);
    expect(fake.callsTo('conversations.history').length).toBeGreaterThan(0);
  }, 60_000);

  it('a 429 storm with plain and post-accepted 5xx mixed in: everyone once, no call before Retry-After', async () => {
    fake.injectFailures({ method: 'chat.postMessage', status: 429, retryAfterSeconds: 1, probability: 0.25 });
    fake.injectFailures({ method: 'chat.postMessage', status: 503, probability: 0.1 });
    fake.injectFailures({ method: 'chat.postMessage', status: 502, afterPost: true, probability: 0.1 });
    const { people, sent } = await run(30);
    await waitUntil(async () => (await sent()) === people.length, 150_000, 'all 30 through the storm');
    const perMember = remindersPerMember(fake);
    expect(perMember.size).toBe(people.length);
    expect([...perMember.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    const injected = (status: number) => fake.calls.filter((c) => c.injectedStatus === status).length;
    // The rules compose: every kind of failure really happened.
    expect(injected(429)).toBeGreaterThan(0);
    expect(injected(503)).toBeGreaterThan(0);
    expect(injected(502)).toBeGreaterThan(0);
    expect(fake.earlyRetries()).toEqual([]);
  }, 180_000);
});
