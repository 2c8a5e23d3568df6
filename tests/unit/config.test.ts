import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadDatabaseConfig } from '../../src/config.ts';

const single = { SLACK_SIGNING_SECRET: 'secret', SLACK_BOT_TOKEN: 'xoxb-1-2-abc' };
const oauth = {
  SLACK_SIGNING_SECRET: 'secret',
  SLACK_CLIENT_ID: '123.456',
  SLACK_CLIENT_SECRET: 'shh',
  SLACK_STATE_SECRET: 'a-long-random-state-secret',
  TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
};

function errorOf(env: Record<string, string>, role?: string): string {
  try {
    loadConfig(env, role);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(single);
    expect(config).toMatchObject({
      role: 'all',
      port: 3000,
      slackApiUrl: 'https://slack.com/api/',
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/careerplan',
      redisUrl: 'redis://127.0.0.1:6379',
      auth: { mode: 'single', botToken: 'xoxb-1-2-abc' },
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('paces 300 messages a minute per workspace with no burst unless told otherwise', () => {
    expect(loadConfig(single)).toMatchObject({ workspaceMessagesPerMinute: 300, workspaceMessagesBurst: 1 });
    expect(
      loadConfig({
        ...single,
        SLACK_WORKSPACE_MESSAGES_PER_MINUTE: '1200',
        SLACK_WORKSPACE_MESSAGES_BURST: '8',
      }),
    ).toMatchObject({ workspaceMessagesPerMinute: 1200, workspaceMessagesBurst: 8 });
    for (const bad of ['0', '-1', '2.5', 'lots', '1001']) {
      expect(errorOf({ ...single, SLACK_WORKSPACE_MESSAGES_BURST: bad })).toContain(
        `SLACK_WORKSPACE_MESSAGES_BURST must be a whole number 1-1000, like 1 (got "${bad}")`,
      );
    }
  });

  it('without Slack credentials names the variables to set and points at manifest.yml', () => {
    const message = errorOf({});
    expect(message).toContain('SLACK_BOT_TOKEN');
    expect(message).toContain('SLACK_SIGNING_SECRET');
    expect(message).toContain('SLACK_CLIENT_ID');
    expect(message).toContain('manifest.yml');
    expect(message).not.toContain('\n');
  });

  it.each([
    [{ ...single, PORT: 'eighty' }, 'PORT'],
    [{ ...single, PORT: '70000' }, 'PORT'],
    [{ ...single, DATABASE_URL: 'mysql://x/y' }, 'DATABASE_URL'],
    [{ ...single, DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ ...single, REDIS_URL: 'http://localhost' }, 'REDIS_URL'],
    [{ ...single, SLACK_API_URL: 'nope' }, 'SLACK_API_URL'],
    [{ ...single, SLACK_BOT_TOKEN: 'xoxp-user-token' }, 'SLACK_BOT_TOKEN'],
    [{ ...single, SLACK_APP_TOKEN: 'xoxb-wrong' }, 'SLACK_APP_TOKEN'],
    [{ ...single, ROLE: 'scheduler' }, 'ROLE'],
    [{ ...single, LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, 'SLACK_SIGNING_SECRET'],
    [{ ...oauth, TOKEN_ENCRYPTION_KEY: '' }, 'TOKEN_ENCRYPTION_KEY'],
    [{ ...oauth, TOKEN_ENCRYPTION_KEY: 'too-short' }, 'TOKEN_ENCRYPTION_KEY'],
    [{ ...oauth, SLACK_STATE_SECRET: '' }, 'SLACK_STATE_SECRET'],
    [{ ...oauth, SLACK_CLIENT_ID: '' }, 'SLACK_CLIENT_ID'],
    [{ ...oauth, SLACK_BOT_TOKEN: 'xoxb-1' }, 'SLACK_BOT_TOKEN'],
    [{ ...single, OPS_PORT: 'ops' }, 'OPS_PORT'],
    [{ ...single, PORT: '3000', OPS_PORT: '3000' }, 'OPS_PORT'],
    [{ ...single, OPS_TOKEN: 'short' }, 'OPS_TOKEN'],
    [{ ...single, OPS_TOKEN: 'a token with spaces in it, long enough' }, 'OPS_TOKEN'],
    [{ ...single, OPS_QUEUE_VIEW_WRITABLE: 'maybe' }, 'OPS_QUEUE_VIEW_WRITABLE'],
  ])('rejects %o with one line naming %s', (env, variable) => {
    const message = errorOf(env as Record<string, string>);
    expect(message.startsWith(variable) || message.includes(variable)).toBe(true);
    expect(message).not.toContain('\n');
  });

  it('accepts OAuth mode with a base64 or hex key', () => {
    expect(loadConfig(oauth).auth.mode).toBe('oauth');
    expect(loadConfig(oauth).tokenEncryptionKey?.length).toBe(32);
    const hex = loadConfig({ ...oauth, TOKEN_ENCRYPTION_KEY: 'ab'.repeat(32) });
    expect(hex.tokenEncryptionKey?.equals(Buffer.alloc(32, 0xab))).toBe(true);
  });

  it('lets the command-line role win over ROLE, and lets a worker run without a signing secret', () => {
    expect(loadConfig({ ...single, ROLE: 'web' }, 'worker').role).toBe('worker');
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' }, 'worker').role).toBe('worker');
  });

  it('Socket Mode needs no signing secret, and SLACK_API_URL always ends in a slash', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1-2',
      SLACK_API_URL: 'http://127.0.0.1:9/api',
    });
    expect(config.appToken).toBe('xapp-1-2');
    expect(config.slackApiUrl).toBe('http://127.0.0.1:9/api/');
  });

  it('leaves the ops port and token unset by default: everything on PORT, task API and queue view off', () => {
    const config = loadConfig(single);
    expect(config.opsPort).toBeUndefined();
    expect(config.opsToken).toBeUndefined();
    expect(config.queueViewWritable).toBe(false);
    const ops = loadConfig({
      ...single,
      OPS_PORT: '9100',
      OPS_TOKEN: 'x'.repeat(24),
      OPS_QUEUE_VIEW_WRITABLE: 'true',
    });
    expect(ops).toMatchObject({ opsPort: 9100, opsToken: 'x'.repeat(24), queueViewWritable: true });
  });

  it('db:migrate reads DATABASE_URL by the same rule as start, without Slack settings', () => {
    expect(loadDatabaseConfig({})).toEqual({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/careerplan' });
    expect(loadDatabaseConfig({ DATABASE_URL: ' postgres://u:p@db:5432/x ' }).databaseUrl).toBe(
      'postgres://u:p@db:5432/x',
    );
    expect(() => loadDatabaseConfig({ DATABASE_URL: 'mysql://x/y' })).toThrow(/DATABASE_URL/);
  });
});
