/**
 * `npm run drill [-- --members N] [--pace P] [--pg-down-ms D]`: the fault drill. careerplan runs as
 * production runs it — a web process and a worker process, on real Postgres and Redis, against a
 * fake Slack — and an admin runs a ritual for a channel of N members (default 2,000). While the
 * reminders go out, members keep using `/careerplan okr`, and the drill:
 *
 * 1. kills the worker with SIGKILL, and starts a new one;
 * 2. flushes Redis (the run's prefix: every queue, timer and throttle key), as a Redis restart
 *    without persistence would — the worker must restore its timers by itself;
 * 3. cuts Postgres through a TCP fault proxy (every connection reset, new ones refused) for D ms,
 *    then lets it back.
 *
 * Then it prints delivered, duplicates, lost, the errors users saw, and whether the processes
 * survived, and exits non-zero on any duplicate, any loss or a crash. Everything it creates (a
 * database, a Redis prefix) is removed at the end.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { startFakeSlack } from '../src/sandbox/slack/fake-slack.ts';
import { createSlackClient } from '../src/sandbox/slack/slack-signer.ts';
import { type AppProcess, startAppProcess } from '../tests/support/app-process.ts';
import { hostPortOf, startFaultProxy } from '../tests/support/fault-proxy.ts';
import { deleteRedisPrefix, TEST_REDIS_URL } from '../tests/support/redis.ts';
import {
  deliveriesDrained,
  remindersPerMember,
  seedRitualChannel,
  waitUntil,
} from '../tests/support/rituals.ts';
import { cleanUp, createDatabase, out, runBenchmark } from './bench-support.ts';
import { askAs, startUserTraffic, summariseErrors } from './drill-users.ts';

const { values: args } = parseArgs({
  options: {
    members: { type: 'string', default: '2000' },
    /** Reminders per minute the app may send to the workspace (its pace). */
    pace: { type: 'string', default: '6000' },
    'pg-down-ms': { type: 'string', default: '5000' },
  },
});
const MEMBERS = Number(args.members);
const PG_DOWN_MS = Number(args['pg-down-ms']);
if (!Number.isInteger(MEMBERS) || MEMBERS < 10)
  throw new Error(`--members must be ≥ 10 (got ${args.members})`);

const TEAM = 'T0DRILL';
const TOKEN = 'xoxb-drill';
const CHANNEL = 'C0DRILL';
const ADMIN = 'U0DRILLADMIN';
const SIGNING_SECRET = 'drill-signing-secret-0123456789';
const FINAL_TIMEOUT_MS = 10 * 60_000;

async function main(): Promise<void> {
  const started = Date.now();
  const clock = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
  const fake = await startFakeSlack();
  fake.addWorkspace({ teamId: TEAM, teamName: 'Drill', botToken: TOKEN });
  const people = seedRitualChannel(fake, TEAM, CHANNEL, MEMBERS);
  fake.addUser({ teamId: TEAM, userId: ADMIN, name: 'drill-admin', isAdmin: true });

  const database = await createDatabase();
  const prefix = `cpdrill-${randomBytes(4).toString('hex')}`;
  const pgProxy = await startFaultProxy(hostPortOf(database.url, 5432));
  const db = new pg.Client({ connectionString: database.url });
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue('delivery', { connection: redis, prefix });
  const processes: AppProcess[] = [];
  const env = {
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.url,
    DATABASE_URL: pgProxy.url(database.url),
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: prefix,
    SLACK_WORKSPACE_MESSAGES_PER_MINUTE: args.pace,
  };
  let failed = false;

  try {
    await db.connect();
    // The workspace and its contribution ritual on the channel, as `/careerplan ritual setup` leaves them.
    await db.query('INSERT INTO workspaces (team_id) VALUES ($1)', [TEAM]);
    await db.query(
      `INSERT INTO rituals (team_id, name, channel_id, cadence, local_time, audience)
       VALUES ($1, 'contribution', $2, '{"kind":"monthly_first_workday"}', '10:00', 'dm')`,
      [TEAM, CHANNEL],
    );
    const count = async (where: string) =>
      Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM outbox WHERE ${where}`)).rows[0]?.n);
    const sent = () => count(`status = 'sent'`);

    const web = startAppProcess('web', 'web', env);
    let worker = startAppProcess('worker-1', 'worker', env);
    processes.push(web, worker);
    await Promise.all([web.started, worker.started]);
    const slack = createSlackClient({
      appUrl: `http://127.0.0.1:${web.port()}`,
      signingSecret: SIGNING_SECRET,
      fakeSlack: fake,
    });
    out(`careerplan fault drill: ${MEMBERS} members, one web and one worker process, pace ${args.pace}/min`);
    out('');

    let phase = 'steady';
    const traffic = startUserTraffic(slack, {
      teamId: TEAM,
      userIds: people.slice(0, 8),
      intervalMs: 250,
      phase: () => phase,
    });
    const event = async (what: string) =>
      out(`${clock().padStart(7)}  sent ${String(await sent()).padStart(5)}  ${what}`);

    const run = await askAs(slack, { teamId: TEAM, userId: ADMIN, text: 'ritual run contribution', phase });
    await event(`admin: /careerplan ritual run contribution → "${run.reply.slice(0, 70)}" (${run.ms} ms)`);

    await waitUntil(async () => (await sent()) >= MEMBERS * 0.2, 180_000, '20% sent');
    phase = 'worker killed';
    await event('SIGKILL the worker');
    await worker.kill('SIGKILL');
    const restartAt = Date.now();
    worker = startAppProcess('worker-2', 'worker', env);
    processes.push(worker);
    await worker.started;
    await event(`worker restarted (${Date.now() - restartAt} ms to start)`);

    await waitUntil(async () => (await sent()) >= MEMBERS * 0.45, 240_000, '45% sent');
    phase = 'Redis flushed';
    await deleteRedisPrefix(prefix);
    await event('Redis flushed (every queue, timer and throttle key of the run); the worker keeps running');

    await waitUntil(async () => (await sent()) >= MEMBERS * 0.7, 240_000, '70% sent');
    phase = 'Postgres cut';
    pgProxy.refuse();
    await event(`Postgres cut: every connection reset, new ones refused for ${PG_DOWN_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, PG_DOWN_MS));
    pgProxy.restore();
    phase = 'recovery';
    await event('Postgres back');

    await waitUntil(
      async () => (await count(`status IN ('planned', 'sending')`)) === 0 && (await count('true')) >= MEMBERS,
      FINAL_TIMEOUT_MS,
      'every delivery final',
    );
    // Every reminder job has run to its end before counting duplicates.
    await waitUntil(() => deliveriesDrained(queue), FINAL_TIMEOUT_MS, 'no reminder job left');
    await event('every delivery final, no reminder job left');
    phase = 'after';
    await traffic.stop();

    const perMember = remindersPerMember(fake);
    const delivered = people.filter((p) => (perMember.get(`D${p}`) ?? 0) > 0).length;
    const duplicates = [...perMember.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
    const lost = MEMBERS - delivered;
    const statuses = (
      await db.query<{ status: string; n: string }>(
        'SELECT status, count(*) AS n FROM outbox GROUP BY status',
      )
    ).rows.map((r) => `${r.status} ${r.n}`);
    const occurrences = Number(
      (await db.query<{ n: string }>("SELECT count(*) AS n FROM ritual_occurrences WHERE kind = 'adhoc'"))
        .rows[0]?.n,
    );
    const falseNothingChanged = run.reply.includes('nothing was changed') && occurrences > 0 ? 1 : 0;
    const alive = (p: AppProcess) => p.child.exitCode === null && p.child.signalCode === null;
    const crashed = processes.filter((p) => p.name !== 'worker-1' && !alive(p));
    const stray = processes.reduce((n, p) => n + p.stray.length, 0);
    const summaries = processes.flatMap((p) => p.lines.filter((l) => l.msg === 'ritual occurrence finished'));
    const sampleError = traffic.requests.find((r) => r.error)?.reply;

    out('');
    out(`delivered             ${delivered} of ${MEMBERS} (deliveries: ${statuses.join(', ')})`);
    out(`duplicates            ${duplicates}`);
    out(`lost                  ${lost}`);
    out(`errors seen by users  ${summariseErrors(traffic.requests)}`);
    if (sampleError) out(`                      e.g. "${sampleError.slice(0, 100)}"`);
    out(`false "nothing was changed"  ${falseNothingChanged}`);
    out(
      `process survived      ${crashed.length === 0 ? 'yes' : `NO: ${crashed.map((p) => p.name).join(', ')}`}` +
        ` (web and worker-2 up; worker-1 ended by the drill's SIGKILL)`,
    );
    out(`non-JSON log lines    ${stray}`);
    out(
      `occurrence log line   ${summaries.length} × ${summaries
        .map((s) => `sent ${s.sent}, skipped ${s.skipped}, failed ${s.failed}`)
        .join('; ')}`,
    );
    out(`elapsed               ${clock()}`);
    failed = duplicates > 0 || lost > 0 || crashed.length > 0;
    out(failed ? 'FAIL' : 'PASS: no duplicate, no loss, no crash');
  } finally {
    for (const p of processes) await p.kill('SIGTERM');
    await queue.close().catch(() => {});
    redis.disconnect();
    await db.end().catch(() => {});
    await pgProxy.close();
    await fake.close();
    await cleanUp(database.name, prefix);
  }
  if (failed) process.exitCode = 1;
}

runBenchmark(main);
