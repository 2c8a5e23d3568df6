import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

const base = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret' };

describe('failure limits in the configuration', () => {
  it('request-serving roles cut statements and job adds below Slack’s 3 s; workers may wait longer', () => {
    for (const role of ['web', 'all'] as const) {
      const c = loadConfig(base, role);
      expect(c.databaseStatementTimeoutMs).toBeLessThan(3000);
      expect(c.redisCommandTimeoutMs).toBeLessThan(3000);
    }
    const worker = loadConfig(base, 'worker');
    expect(worker.databaseStatementTimeoutMs).toBe(15_000);
    expect(worker.redisCommandTimeoutMs).toBe(10_000);
    expect(worker.databaseConnectTimeoutMs).toBe(2000);
    expect(worker.databaseLivenessTimeoutMs).toBe(60_000);
  });

  it('reads each limit, and refuses a bad one with one line naming the variable', () => {
    const c = loadConfig(
      {
        ...base,
        DATABASE_CONNECT_TIMEOUT_MS: '500',
        DATABASE_STATEMENT_TIMEOUT_MS: '1200',
        DATABASE_LIVENESS_TIMEOUT_MS: '30000',
        REDIS_COMMAND_TIMEOUT_MS: '800',
      },
      'web',
    );
    expect([
      c.databaseConnectTimeoutMs,
      c.databaseStatementTimeoutMs,
      c.databaseLivenessTimeoutMs,
      c.redisCommandTimeoutMs,
    ]).toEqual([500, 1200, 30_000, 800]);
    for (const [name, value] of [
      ['DATABASE_CONNECT_TIMEOUT_MS', 'soon'],
      ['DATABASE_STATEMENT_TIMEOUT_MS', '5'],
      ['DATABASE_LIVENESS_TIMEOUT_MS', '-1'],
      ['REDIS_COMMAND_TIMEOUT_MS', '1e3'],
    ] as const) {
      const attempt = () => loadConfig({ ...base, [name]: value }, 'web');
      expect(attempt).toThrow(ConfigError);
      expect(attempt).toThrow(new RegExp(`^${name} must be a whole number of milliseconds`));
    }
  });
});
