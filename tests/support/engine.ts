import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { buildDeps, type Deps } from '../../src/deps.ts';
import { type Clock, systemClock } from '../../src/domain/clock.ts';
import { buildJobHandlers } from '../../src/jobs/handlers/index.ts';
import { startWorkers, type Workers } from '../../src/jobs/worker.ts';
import { createLogger } from '../../src/ops/logger.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import { assembleFeatures } from '../../src/slack/assemble.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { deleteRedisPrefix, TEST_REDIS_URL, uniqueQueuePrefix } from './redis.ts';

/**
 * The worker role's container on a test's own database, Redis prefix and fake Slack, with what
 * the features register (ritual types, outbox kinds) — what the delivery tests run the engine on.
 * `env` adds or overrides settings (the pace, schedule-ahead…).
 */
export function engineDeps(options: {
  fake: FakeSlack;
  token: string;
  databaseUrl: string;
  prefix: string;
  env?: Record<string, string>;
  clock?: Clock;
}): Deps {
  const config = loadConfig(
    {
      SLACK_BOT_TOKEN: options.token,
      SLACK_API_URL: options.fake.url,
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: options.prefix,
      SLACK_WORKSPACE_MESSAGES_PER_MINUTE: '60000',
      ...options.env,
    },
    'worker',
  );
  const deps = buildDeps(config, createLogger('silent'), options.clock ?? systemClock);
  assembleFeatures(deps);
  return deps;
}

/** The worker role's BullMQ workers for these deps (every job of the catalogue). */
export function engineWorkers(deps: Deps, concurrency = 20): Workers {
  return startWorkers({
    connection: deps.redis,
    prefix: deps.config.queuePrefix,
    handlers: buildJobHandlers(deps, new Map()),
    jobRuns: deps.jobRuns,
    metrics: deps.metrics,
    logger: deps.logger,
    concurrency,
  });
}

/**
 * The life of a delivery test file: one fake Slack with the workspace for the file; a database and
 * a Redis prefix of its own for each test, dropped after it with whatever the test opened.
 */
export function engineSuite(teamId: string, token: string) {
  const suite = {
    fake: undefined as unknown as FakeSlack,
    database: undefined as unknown as TestDatabase,
    prefix: '',
    /** Closed after the test, last opened first (deps, workers). */
    open: [] as Array<{ close(): Promise<void> }>,
  };
  beforeAll(async () => {
    suite.fake = await startFakeSlack();
    suite.fake.addWorkspace({ teamId, botToken: token });
  });
  afterAll(async () => {
    await suite.fake.close();
  });
  beforeEach(async () => {
    suite.database = await createTestDatabase();
    suite.prefix = uniqueQueuePrefix();
    suite.fake.reset();
    suite.fake.clearFailures();
  });
  afterEach(async () => {
    for (const item of suite.open.splice(0).reverse()) await item.close();
    await suite.database.drop();
    await deleteRedisPrefix(suite.prefix);
  });
  return suite;
}
