import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { ADMIN_URL } from '../support/global-setup.ts';
import { deleteRedisPrefix, TEST_REDIS_URL, uniqueQueuePrefix } from '../support/redis.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm scripts a newcomer runs', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  });

  it('db:migrate reads DATABASE_URL from .env in the working directory, as start does', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'careerplan-migrate-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const name = `cp_migrate_${process.pid}_${Date.now()}`;
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    cleanups.push(async () => {
      const admin = new pg.Client({ connectionString: ADMIN_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    });
    await writeFile(join(dir, '.env'), `DATABASE_URL=${url.toString()}\n`);
    const { DATABASE_URL: _ignored, ...env } = process.env;
    // The script's command with the working directory moved to `dir` (npm would run it in the repo).
    const child = spawn(
      process.execPath,
      ['--import', import.meta.resolve('tsx'), join(ROOT, 'src/db/migrate-cli.ts')],
      { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    expect((await exited(child)).code, output).toBe(0);
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    const applied = await client.query('select name from schema_migrations');
    await client.end();
    expect(applied.rowCount).toBeGreaterThan(0);
  });

  it('SIGTERM to `npm start` reaches the app: it shuts down in order and no process is left', async () => {
    const database: TestDatabase = await createTestDatabase();
    cleanups.push(() => database.drop());
    const prefix = uniqueQueuePrefix();
    cleanups.push(() => deleteRedisPrefix(prefix));
    const child = spawn('npm', ['start', '--silent', '--', 'worker'], {
      cwd: ROOT,
      env: {
        ...process.env,
        SLACK_BOT_TOKEN: 'xoxb-signal-test',
        SLACK_API_URL: 'http://127.0.0.1:1/api/',
        DATABASE_URL: database.url,
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: prefix,
        PORT: '0',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanups.push(async () => child.kill('SIGKILL'));
    const done = exited(child);
    let output = '';
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const started = await new Promise<{ pid: number }>((resolve, reject) => {
      child.stdout?.on('data', (d: Buffer) => {
        output += d.toString();
        const line = output.split('\n').find((l) => l.includes('"careerplan started"'));
        if (line) resolve(JSON.parse(line) as { pid: number });
      });
      void done.then(() => reject(new Error(`npm start exited before starting: ${output}`)));
    });
    expect(started.pid).not.toBe(child.pid);
    // If the app outlives npm (the bug this guards against), do not leave it running.
    cleanups.push(async () => isAlive(started.pid) && process.kill(started.pid, 'SIGKILL'));

    child.kill('SIGTERM');
    const { code, signal } = await done;
    expect(output, `npm exited with ${code ?? signal}`).toContain('"shutting down"');
    expect(code, output).toBe(0);
    expect(isAlive(started.pid)).toBe(false);
  });
});
