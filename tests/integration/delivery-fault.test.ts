import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { deleteRedisPrefix, TEST_REDIS_URL, uniqueQueuePrefix } from '../support/redis.ts';
import { deliveriesDrained, remindersPerMember, seedRitualChannel, waitUntil } from '../support/rituals.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TEAM = 'T0FAULT';
const TOKEN = 'xoxb-fault';
const CHANNEL = 'C0FAULT';
const MEMBERS = 500;

/** A real worker process (`npm start -- worker`), as production runs it. */
function startWorkerProcess(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'worker'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

async function stopped(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise((resolve) => child.once('exit', resolve));
}

describe('fault: a worker killed with SIGKILL in the middle of a 500-member fan-out', () => {
  let fake: FakeSlack;
  let database: TestDatabase;
  let db: pg.Client;
  const prefix = uniqueQueuePrefix();
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    fake = await startFakeSlack();
    fake.addWorkspace({ teamId: TEAM, botToken: TOKEN });
    seedRitualChannel(fake, TEAM, CHANNEL, MEMBERS);
    database = await createTestDatabase();
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await db?.end();
    await database?.drop();
    await deleteRedisPrefix(prefix);
    await fake?.close();
  });

  const sent = async () =>
    Number(
      (await db.query<{ n: string }>("SELECT count(*) AS n FROM outbox WHERE status = 'sent'")).rows[0]?.n,
    );

  it('after a restart every member has exactly one DM', async () => {
    const env = {
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_API_URL: fake.url,
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      PORT: '0',
      LOG_LEVEL: 'silent',
      // 50 messages a second: the fan-out takes ~10 s, so the kill lands in the middle of it.
      SLACK_WORKSPACE_MESSAGES_PER_MINUTE: '3000',
    };
    // The ritual, set up as `/careerplan ritual setup` would, and an ad-hoc run of it.
    await db.query(`INSERT INTO workspaces (team_id) VALUES ($1)`, [TEAM]);
    const ritual = await db.query<{ id: string }>(
      `INSERT INTO rituals (team_id, name, channel_id, cadence, local_time, audience)
       VALUES ($1, 'contribution', $2, '{"kind":"monthly_first_workday"}', '10:00', 'dm') RETURNING id`,
      [TEAM, CHANNEL],
    );
    const occurrence = await db.query<{ id: string }>(
      `INSERT INTO ritual_occurrences (ritual_id, team_id, occurrence_key, occurrence_date, kind, fanout_at)
       VALUES ($1, $2, 'run-fault', current_date, 'adhoc', now()) RETURNING id`,
      [ritual.rows[0]?.id, TEAM],
    );

    const first = startWorkerProcess(env);
    children.push(first);
    // Enqueue the fan-out through the app's own code path, from this process.
    const { Queue } = await import('bullmq');
    const { Redis } = await import('ioredis');
    const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue('delivery', { connection: redis, prefix });
    await queue.add(
      'fanout-occurrence',
      { occurrenceId: occurrence.rows[0]?.id },
      { jobId: `fanout__${occurrence.rows[0]?.id}`, attempts: 8 },
    );

    await waitUntil(async () => (await sent()) >= 150, 60_000, 'the first 150 DMs');
    first.kill('SIGKILL');
    await stopped(first);
    const atKill = await sent();
    expect(atKill).toBeLessThan(MEMBERS);

    const second = startWorkerProcess(env);
    children.push(second);
    // Stalled jobs come back after BullMQ's lock (30 s) and the delivery lease (30 s) expire.
    await waitUntil(async () => (await sent()) === MEMBERS, 240_000, `all ${MEMBERS} DMs after the restart`);
    // Every job that could still post has run to its end before counting duplicates.
    await waitUntil(() => deliveriesDrained(queue), 120_000, 'the delivery queue to drain');

    const perMember = remindersPerMember(fake);
    expect(perMember.size).toBe(MEMBERS);
    const duplicates = [...perMember.entries()].filter(([, n]) => n !== 1);
    expect(duplicates).toEqual([]);
    expect(fake.violations).toEqual([]);

    second.kill('SIGTERM');
    await stopped(second);
    await queue.close();
    redis.disconnect();
  }, 360_000);
});
