import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { type FaultProxy, hostPortOf, startFaultProxy } from '../support/fault-proxy.ts';
import { deleteRedisPrefix, TEST_REDIS_URL, uniqueQueuePrefix } from '../support/redis.ts';
import { waitUntil } from '../support/rituals.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('a worker whose Redis is down', () => {
  let database: TestDatabase;
  let proxy: FaultProxy;
  const prefix = uniqueQueuePrefix();

  beforeAll(async () => {
    database = await createTestDatabase();
    proxy = await startFaultProxy(hostPortOf(TEST_REDIS_URL, 6379));
    proxy.refuse();
  });
  afterAll(async () => {
    await proxy.close();
    await database.drop();
    await deleteRedisPrefix(prefix);
  });

  it('logs only JSON, one line per kind of error however often its connections retry', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'worker'], {
      cwd: ROOT,
      env: {
        ...process.env,
        SLACK_BOT_TOKEN: 'xoxb-logs',
        DATABASE_URL: database.url,
        REDIS_URL: proxy.url(TEST_REDIS_URL),
        QUEUE_PREFIX: prefix,
        PORT: '0',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    try {
      // Redis was refused many times over (every connection retrying), within one log interval.
      await waitUntil(() => stdout.includes('careerplan started'), 30_000, 'the worker to start');
      const startedAt = proxy.acceptedConnections();
      await waitUntil(() => proxy.acceptedConnections() >= startedAt + 20, 8000, '20 refused reconnects');
    } finally {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    expect(stderr).toBe('');
    const lines = stdout.split('\n').filter(Boolean);
    const parsed = lines.map((line) => JSON.parse(line) as { source?: string; msg: string; level: string });
    const errorLines = parsed.filter((l) => l.source !== undefined);
    const bySource = new Map<string, number>();
    for (const line of errorLines)
      bySource.set(line.source ?? '', (bySource.get(line.source ?? '') ?? 0) + 1);
    expect([...bySource.keys()]).toEqual(expect.arrayContaining(['redis', 'bullmq-worker']));
    // The first error of each kind, nothing more: the rest are counted for the next line.
    expect([...bySource.values()].every((n) => n === 1)).toBe(true);
  }, 60_000);
});
