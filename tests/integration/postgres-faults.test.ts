import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createDb } from '../../src/db/database.ts';
import { buildDeps } from '../../src/deps.ts';
import { createLogger } from '../../src/ops/logger.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { type FaultProxy, hostPortOf, startFaultProxy } from '../support/fault-proxy.ts';
import { waitUntil } from '../support/rituals.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Settles a promise into its outcome, so a test can wait for it without try/catch noise. */
const outcome = <T>(p: Promise<T>) =>
  p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error: error as Error & { code?: string } }),
  );

describe('Postgres faults', () => {
  let database: TestDatabase;
  let proxy: FaultProxy;
  const cleanups: Array<() => Promise<void> | void> = [];

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  afterAll(async () => {
    await database.drop();
  });

  const proxied = async () => {
    proxy = await startFaultProxy(hostPortOf(database.url, 5432));
    cleanups.push(() => proxy.close());
    return proxy.url(database.url);
  };

  it('a connection cut during a query fails that query; the process lives and queries again', async () => {
    const url = await proxied();
    const child: ChildProcess = spawn(
      process.execPath,
      ['--import', 'tsx', 'tests/support/pg-fault-child.ts'],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    cleanups.push(() => void child.kill('SIGKILL'));
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

    // The query is on the server (the client is lent out, in the middle of it) before the cut.
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    cleanups.push(() => admin.end());
    await waitUntil(
      async () =>
        (
          await admin.query(
            `SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'select pg_sleep(30)%'`,
            [database.name],
          )
        ).rowCount === 1,
      20_000,
      'the child’s query running on the server',
    );
    proxy.cut();

    expect(await exited, stderr).toBe(0);
    expect(stdout).toContain('REJECTED Connection terminated unexpectedly');
    expect(stdout).toContain('ERROR-EVENT pg-client');
    expect(stdout).toContain('RECOVERED');
  });

  it('after a partition the pool drops its dead connections and works again by itself', async () => {
    const url = await proxied();
    const { db, pool, health } = createDb(url, {
      maxConnections: 4,
      connectTimeoutMs: 500,
      statementTimeoutMs: 500,
    });
    cleanups.push(() => db.destroy());
    // Four connections open and idle in the pool.
    await Promise.all([1, 2, 3, 4].map(() => sql`select pg_sleep(0.05)`.execute(db)));
    expect(pool.totalCount).toBe(4);

    proxy.blackhole();
    // During the partition every query fails (no answer, or no connection) instead of hanging.
    const during = await Promise.all([1, 2, 3, 4, 5, 6].map(() => outcome(sql`select 1`.execute(db))));
    expect(during.every((r) => !r.ok)).toBe(true);
    expect(health.unusableForMs()).toBeGreaterThan(0);

    proxy.restore();
    // The partition healed: the very next queries work, on fresh connections.
    const after = await Promise.all([1, 2, 3, 4].map(() => outcome(sql`select 1 as one`.execute(db))));
    expect(after.map((r) => r.ok)).toEqual([true, true, true, true]);
    expect(health.unusableForMs()).toBe(0);
  });

  it('on a request path a slow statement is cancelled by Postgres before Slack’s 3 s', async () => {
    const config = loadConfig(
      { SLACK_BOT_TOKEN: 'xoxb-faults', SLACK_SIGNING_SECRET: 's', DATABASE_URL: database.url },
      'web',
    );
    expect(config.databaseStatementTimeoutMs).toBeLessThan(3000);
    const deps = buildDeps(config, createLogger('silent'));
    cleanups.push(() => deps.close());
    const result = await outcome(sql`select pg_sleep(4)`.execute(deps.db));
    expect(result.ok).toBe(false);
    // 57014 = query_canceled: the server stopped it (statement_timeout), the connection stays usable.
    expect(result.ok ? undefined : result.error.code).toBe('57014');
    expect((await sql<{ one: number }>`select 1 as one`.execute(deps.db)).rows).toEqual([{ one: 1 }]);
  });
});
