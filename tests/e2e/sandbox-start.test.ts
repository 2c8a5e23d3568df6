/**
 * `npm start` without Slack credentials: the process a new user runs. It serves the sandbox on
 * 127.0.0.1, refuses under NODE_ENV=production, and names an unreachable Redis or Postgres.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { deleteRedisPrefix, TEST_REDIS_URL, uniqueQueuePrefix } from '../support/redis.ts';

const ROOT = resolve(import.meta.dirname, '../..');

/** The environment a fresh clone has: no SLACK_* at all. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env))
    if (!k.startsWith('SLACK_') && k !== 'NODE_ENV') env[k] = v;
  return { ...env, LOG_LEVEL: 'silent', ...extra };
}

/**
 * Runs what `npm start` runs (package.json's start script) from an empty directory, so a
 * developer's .env cannot change the outcome.
 */
function start(env: NodeJS.ProcessEnv, cwd: string): { child: ChildProcess; output: () => string } {
  const script = (
    JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }
  ).scripts.start;
  expect(script).toBe('exec node --import tsx src/main.ts');
  // The same command, with tsx resolved from the project (the empty directory has no node_modules).
  const tsx = pathToFileURL(createRequire(join(ROOT, 'package.json')).resolve('tsx')).href;
  const child = spawn(process.execPath, ['--import', tsx, join(ROOT, 'src/main.ts')], { cwd, env });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  return { child, output: () => out };
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((done) => {
    if (child.exitCode !== null) done(child.exitCode);
    else child.once('exit', (code) => done(code));
  });
}

async function lineMatching(
  output: () => string,
  pattern: RegExp,
  timeoutMs: number,
): Promise<RegExpExecArray> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(output());
    if (match) return match;
    if (Date.now() > until) throw new Error(`no line matching ${pattern} in: ${output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('npm start without Slack credentials', () => {
  let database: TestDatabase;
  const prefix = uniqueQueuePrefix();
  let cwd: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    cwd = mkdtempSync(join(tmpdir(), 'careerplan-start-'));
  });
  afterAll(async () => {
    await database?.drop();
    await deleteRedisPrefix(prefix);
    rmSync(cwd, { recursive: true, force: true });
  });

  it('starts the sandbox on 127.0.0.1 and says so in one line', async () => {
    const { child, output } = start(
      cleanEnv({ PORT: '0', DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix }),
      cwd,
    );
    try {
      const [line, url] = await lineMatching(
        output,
        /^no Slack credentials: running the local sandbox at (http:\/\/127\.0\.0\.1:\d+\/sandbox); set SLACK_\* to connect to Slack$/m,
        45_000,
      );
      expect(line).toBeDefined();
      const page = await fetch(url as string);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('careerplan sandbox');
      const state = (await (await fetch(`${url}/state?as=U0MAYA`)).json()) as {
        people: unknown[];
        team: { name: string };
      };
      expect(state.team.name).toBe('Acme Engineering');
      expect(state.people.length).toBeGreaterThanOrEqual(10);
      // The app's own routes answer through the same port.
      expect((await fetch(new URL('/healthz', url as string))).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await exited(child);
    }
  });

  it('refuses with NODE_ENV=production, with the usual one-line message', async () => {
    const { child, output } = start(
      cleanEnv({ NODE_ENV: 'production', PORT: '0', DATABASE_URL: database.url }),
      cwd,
    );
    expect(await exited(child)).toBe(1);
    expect(output().trim()).toMatch(
      /^careerplan: No Slack credentials: set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN/,
    );
    expect(output()).not.toContain('sandbox');
  });

  it('names Redis, and the command that starts it, when Redis is not running', async () => {
    const { child, output } = start(
      cleanEnv({ PORT: '0', DATABASE_URL: database.url, REDIS_URL: 'redis://127.0.0.1:1' }),
      cwd,
    );
    expect(await exited(child)).toBe(1);
    expect(output().trim()).toBe(
      'careerplan: cannot reach Redis at 127.0.0.1:1; start it with `docker compose up -d postgres redis`',
    );
  });

  it('names Postgres when Postgres is not running', async () => {
    const { child, output } = start(
      cleanEnv({
        PORT: '0',
        DATABASE_URL: 'postgres://postgres@127.0.0.1:1/careerplan',
        REDIS_URL: TEST_REDIS_URL,
      }),
      cwd,
    );
    expect(await exited(child)).toBe(1);
    expect(output().trim()).toBe(
      'careerplan: cannot reach Postgres at 127.0.0.1:1; start it with `docker compose up -d postgres redis`',
    );
  });
});
