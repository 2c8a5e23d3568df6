import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/ops/logger.ts';
import { StartupError } from '../../src/ops/startup-errors.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import { startCareerplan } from '../../src/server.ts';
import { BOT_TOKEN, SIGNING_SECRET, seedWorkspace } from '../support/app-harness.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { deleteRedisPrefix, TEST_REDIS_URL, uniqueQueuePrefix } from '../support/redis.ts';

/**
 * Each start-up step that fails names the setting to look at, in one line, and never prints a
 * password or token (SPEC §3: "one clear line naming the variable").
 */
describe('start-up failures name their setting', () => {
  let fake: FakeSlack;
  let database: TestDatabase;
  let busy: Server;
  let busyPort: number;
  const prefix = uniqueQueuePrefix();

  beforeAll(async () => {
    fake = await startFakeSlack();
    seedWorkspace(fake);
    database = await createTestDatabase();
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '0.0.0.0', () => resolve()));
    busyPort = (busy.address() as AddressInfo).port;
  });
  afterAll(async () => {
    busy?.close();
    await database?.drop();
    await fake?.close();
    await deleteRedisPrefix(prefix);
  });

  const failureOf = async (env: Record<string, string>): Promise<string> => {
    const config = loadConfig({
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_API_URL: fake.url,
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      PORT: '0',
      ROLE: 'web',
      ...env,
    });
    try {
      const running = await startCareerplan(config, createLogger('silent'));
      await running.stop();
    } catch (error) {
      expect(error).toBeInstanceOf(StartupError);
      const message = (error as Error).message;
      expect(message).not.toContain('\n');
      return message;
    }
    throw new Error('expected start-up to fail');
  };

  it('Postgres refusing connections names DATABASE_URL, without the password', async () => {
    const message = await failureOf({ DATABASE_URL: 'postgres://postgres:s3cret-pw@127.0.0.1:1/careerplan' });
    expect(message).toContain('DATABASE_URL (postgres@127.0.0.1:1/careerplan)');
    expect(message).toContain('connection refused');
    expect(message).not.toContain('s3cret-pw');
  });

  it('a Slack API that cannot be reached names auth.test and SLACK_API_URL', async () => {
    const message = await failureOf({ SLACK_API_URL: 'http://127.0.0.1:1/api/' });
    expect(message).toContain('auth.test at SLACK_API_URL (http://127.0.0.1:1/api/) failed');
  });

  it('a bot token Slack refuses names SLACK_BOT_TOKEN, not the token', async () => {
    const message = await failureOf({ SLACK_BOT_TOKEN: 'xoxb-not-a-real-token' });
    expect(message).toContain('Slack refused SLACK_BOT_TOKEN (invalid_auth)');
    expect(message).not.toContain('xoxb-not-a-real-token');
  });

  it('a taken PORT names PORT', async () => {
    expect(await failureOf({ PORT: String(busyPort) })).toContain(`PORT ${busyPort} is already in use`);
  });

  it('a taken OPS_PORT names OPS_PORT (worker role)', async () => {
    expect(await failureOf({ ROLE: 'worker', OPS_PORT: String(busyPort) })).toContain(
      `OPS_PORT ${busyPort} is already in use`,
    );
  });

  it('an app token Slack refuses names SLACK_APP_TOKEN (Socket Mode)', async () => {
    const message = await failureOf({ SLACK_APP_TOKEN: 'xapp-1-A0-1-unknown', SLACK_SIGNING_SECRET: '' });
    expect(message).toContain('Slack refused SLACK_APP_TOKEN');
    expect(message).toContain('invalid_auth');
  });
});
