import { loadConfig } from '../../src/config.ts';
import type { Deps } from '../../src/deps.ts';
import type { Clock } from '../../src/domain/clock.ts';
import { createLogger, type Logger } from '../../src/ops/logger.ts';
import type { FakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import { createSlackClient, type SlackClient } from '../../src/sandbox/slack/slack-signer.ts';
import { type RunningCareerplan, startCareerplan } from '../../src/server.ts';
import type { FeatureFactory } from '../../src/slack/kit/feature.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { deleteRedisPrefix, TEST_REDIS_URL, uniqueQueuePrefix } from './redis.ts';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const TEAM = 'T0TEAM1';
export const BOT_TOKEN = 'xoxb-test-team1-token';

export interface TestApp {
  running: RunningCareerplan;
  baseUrl: string;
  slack: SlackClient;
  database: TestDatabase;
  queuePrefix: string;
  /** Stops the app; the database and Redis keys stay (for restart tests) until `cleanup`. */
  stop(): Promise<void>;
  /** Starts a fresh process-equivalent on the same database and Redis prefix (a restart). */
  restart(): Promise<void>;
  cleanup(): Promise<void>;
}

/**
 * Starts the real app in this process (single-workspace mode by default) on a free port, against
 * a fresh database cloned from the migrated template, a unique BullMQ prefix and the fake Slack.
 */
export async function startTestApp(options: {
  fake: FakeSlack;
  env?: Record<string, string>;
  clock?: Clock;
  database?: TestDatabase;
  /** Features defined by a test, plugged in exactly as feature-list.ts's are. */
  features?: ReadonlyArray<FeatureFactory<Deps>>;
  /** The app's logger (default: silent); a test that reads the logs passes one with a captured stream. */
  logger?: Logger;
}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const queuePrefix = uniqueQueuePrefix();
  const env = {
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_API_URL: options.fake.url,
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    PORT: '0',
    QUEUE_PREFIX: queuePrefix,
    LOG_LEVEL: 'silent',
    ...options.env,
  };
  const boot = () =>
    startCareerplan(loadConfig(env), options.logger ?? createLogger('silent'), {
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.features ? { extraFeatures: options.features } : {}),
    });

  let running = await boot();
  const harness: TestApp = {
    running,
    baseUrl: `http://127.0.0.1:${running.port}`,
    slack: createSlackClient({
      appUrl: `http://127.0.0.1:${running.port}`,
      signingSecret: SIGNING_SECRET,
      fakeSlack: options.fake,
    }),
    database,
    queuePrefix,
    stop: () => running.stop(),
    async restart() {
      running = await boot();
      harness.running = running;
      harness.baseUrl = `http://127.0.0.1:${running.port}`;
      harness.slack = createSlackClient({
        appUrl: harness.baseUrl,
        signingSecret: SIGNING_SECRET,
        fakeSlack: options.fake,
      });
    },
    async cleanup() {
      await running.stop().catch(() => {});
      await database.drop();
      await deleteRedisPrefix(queuePrefix);
    },
  };
  return harness;
}

/** A workspace with its bot token and a few people in it, registered on the fake Slack. */
export function seedWorkspace(fake: FakeSlack, teamId = TEAM, botToken = BOT_TOKEN): void {
  fake.addWorkspace({ teamId, teamName: `Team ${teamId}`, botToken });
  fake.addUser({
    teamId,
    userId: 'U0ALICE',
    name: 'alice',
    realName: 'Alice Example',
    tz: 'America/New_York',
    isAdmin: true,
  });
  fake.addUser({ teamId, userId: 'U0BOB', name: 'bob', realName: 'Bob Example', tz: 'Europe/London' });
}
