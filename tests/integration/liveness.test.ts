import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/ops/logger.ts';
import { type RunningCareerplan, startCareerplan } from '../../src/server.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { type FaultProxy, hostPortOf, startFaultProxy } from '../support/fault-proxy.ts';
import { deleteRedisPrefix, TEST_REDIS_URL, uniqueQueuePrefix } from '../support/redis.ts';
import { waitUntil } from '../support/rituals.ts';

describe('liveness and readiness through a Postgres partition', () => {
  let database: TestDatabase;
  let proxy: FaultProxy;
  let app: RunningCareerplan;
  const prefix = uniqueQueuePrefix();

  beforeAll(async () => {
    database = await createTestDatabase();
    proxy = await startFaultProxy(hostPortOf(database.url, 5432));
    const config = loadConfig(
      {
        SLACK_BOT_TOKEN: 'xoxb-liveness',
        SLACK_API_URL: 'http://127.0.0.1:9/api/',
        DATABASE_URL: proxy.url(database.url),
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: prefix,
        PORT: '0',
        DATABASE_CONNECT_TIMEOUT_MS: '300',
        DATABASE_STATEMENT_TIMEOUT_MS: '300',
        DATABASE_LIVENESS_TIMEOUT_MS: '1500',
      },
      'worker',
    );
    app = await startCareerplan(config, createLogger('silent'));
  });
  afterAll(async () => {
    await app?.stop();
    await proxy?.close();
    await database?.drop();
    await deleteRedisPrefix(prefix);
  });

  const get = async (path: string) => {
    const response = await fetch(`http://127.0.0.1:${app.port}${path}`);
    return { status: response.status, body: await response.text() };
  };

  it('fails liveness once the pool was unusable for DATABASE_LIVENESS_TIMEOUT_MS, and recovers without a restart', async () => {
    expect((await get('/healthz')).status).toBe(200);
    await waitUntil(async () => (await get('/readyz')).status === 200, 10_000, 'ready');

    proxy.blackhole();
    // Readiness fails first (each probe is a failed query), liveness once the limit has passed.
    await waitUntil(async () => (await get('/readyz')).status === 503, 10_000, 'not ready');
    await waitUntil(async () => (await get('/healthz')).status === 503, 15_000, 'not live');
    const ready = await get('/readyz');
    expect(JSON.parse(ready.body)).toEqual({
      ok: false,
      checks: [
        { name: 'postgres', ok: false },
        { name: 'redis', ok: true },
      ],
      failing: ['postgres'],
    });
    // Generic words only: no hosts, ports or driver messages for whoever can reach the probe.
    expect(ready.body).not.toMatch(/127\.0\.0\.1|timeout|terminated|\d{4,5}/i);
    expect(JSON.parse((await get('/healthz')).body)).toEqual({ ok: false, failing: ['postgres'] });

    proxy.restore();
    await waitUntil(async () => (await get('/readyz')).status === 200, 15_000, 'ready again');
    await waitUntil(async () => (await get('/healthz')).status === 200, 15_000, 'live again');
  });
});
