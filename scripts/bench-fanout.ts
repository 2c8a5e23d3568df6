/**
 * `npm run bench:fanout [-- --members N] [--no-ceiling] [--processes P]`: one ad-hoc contribution
 * run in each of 10 workspaces (N members in all, default 10,000), sent by the real worker role
 * through a fake Slack that enforces Slack-like chat.postMessage limits. Prints delivered,
 * duplicates, lost, elapsed time, the achieved rate against the ceiling the fake allows, 429s and
 * early retries, lateness (sent_at − due_at) and peak RSS. Uses a throwaway database and Redis
 * prefix, removed at the end.
 *
 * `--no-ceiling` takes the limits off the fake and lets the app send fast (60,000/min per
 * workspace), to measure the engine's own lateness. `--processes P` runs P worker child processes
 * (`src/main.ts worker`, as production does) instead of the worker role in this process; the fake
 * Slack stays here, so `--processes 1` measures the worker's own memory.
 *
 * Targets (printed as met / NOT met; exit 1 if one is missed; the last line is JSON): always 0
 * duplicates, 0 lost, 0 calls before a Retry-After; with the fake's limits, ≥ 95% of its ceiling
 * from the first enqueue to the last DM; `--no-ceiling` with one worker and ≤ 2,000 members,
 * lateness p99 ≤ 2 s; `--processes 1`, the worker's peak RSS ≤ 200 MB.
 */

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { type Config, loadConfig } from '../src/config.ts';
import { buildDeps, type Deps } from '../src/deps.ts';
import type { Occurrence } from '../src/domain/rituals/occurrence.ts';
import { createLogger } from '../src/ops/logger.ts';
import { startFakeSlack } from '../src/sandbox/slack/fake-slack.ts';
import { type RunningCareerplan, startCareerplan } from '../src/server.ts';
import { assembleFeatures } from '../src/slack/assemble.ts';
import { remindersPerMember, seedRitualChannel, setUpContribution } from '../tests/support/rituals.ts';
import { cleanUp, createDatabase, out, runBenchmark } from './bench-support.ts';
import { atLeast, atMost, exactly, load, type Target, verdict } from './bench-targets.ts';
import {
  BENCH_SLACK_LIMITS,
  BENCH_WORKSPACES,
  benchEnvironment,
  FAKE_PER_WORKSPACE_PER_MINUTE,
  FAKE_WORKSPACE_BURST,
  installBenchWorkspaces,
} from './bench-workspaces.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const TSC = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
const WORKSPACES = BENCH_WORKSPACES;
/** The app paces at the fake's whole budget… */
const APP_PER_WORKSPACE_PER_MINUTE = FAKE_PER_WORKSPACE_PER_MINUTE;
/**
 * …and its burst but two: the two tokens left in the fake's bucket absorb ~100 ms of jitter
 * between when a post leaves the app and when the fake counts it.
 */
const APP_WORKSPACE_BURST = FAKE_WORKSPACE_BURST - 2;
/** With --no-ceiling: fast enough that pacing is never what the run waits for. */
const NO_CEILING_APP_PER_MINUTE = 60_000;
const FINAL_STATUSES = ['sent', 'skipped', 'failed', 'done'];

const { values: args } = parseArgs({
  options: {
    members: { type: 'string', default: '10000' },
    'no-ceiling': { type: 'boolean', default: false },
    processes: { type: 'string', default: '0' },
    /** Worker children through tsx (`npm start`) instead of the compiled build (production). */
    tsx: { type: 'boolean', default: false },
    /** Seconds to wait for every delivery to be final; default scales with --members. */
    timeout: { type: 'string' },
  },
});
const MEMBERS = Number(args.members);
const NO_CEILING = args['no-ceiling'] === true;
const PROCESSES = Number(args.processes);
const TSX = args.tsx === true;
if (!Number.isInteger(MEMBERS) || MEMBERS < WORKSPACES) {
  throw new Error(`--members must be a whole number ≥ ${WORKSPACES} (got ${args.members})`);
}
if (!Number.isInteger(PROCESSES) || PROCESSES < 0 || PROCESSES > 16) {
  throw new Error(`--processes must be 0 (in-process) to 16 (got ${args.processes})`);
}

interface Workspace {
  teamId: string;
  token: string;
  channelId: string;
  people: string[];
}

/** Resident set of another process in bytes (Linux /proc), 0 once it has gone. */
function rssOf(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * The worker children run what production runs — `node dist/main.js worker` (the Dockerfile's
 * command), built here with `npm run build`'s compiler settings — so their memory is the
 * deployed worker's, not tsx's (its loader thread and transform cache add about 80 MB per
 * process). `--tsx` runs `src/main.ts` through tsx instead, as `npm start` does.
 */
/** docker-compose.yml's worker command line: its heap bound (docs/operations.md, "Worker memory"). */
const WORKER_HEAP_FLAGS = ['--max-old-space-size=112', '--max-semi-space-size=4'];

function buildWorker(): void {
  const result = spawnSync(process.execPath, [TSC, '-p', 'tsconfig.build.json'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('building the worker (tsc -p tsconfig.build.json) failed');
}

function startWorkerProcess(env: Record<string, string>, index: number): ChildProcess {
  const entry = TSX ? ['--import', 'tsx', 'src/main.ts'] : [...WORKER_HEAP_FLAGS, 'dist/main.js'];
  const child = spawn(process.execPath, [...entry, 'worker'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[worker ${index}] ${chunk.toString()}`));
  return child;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);

async function main(): Promise<void> {
  const fake = await startFakeSlack();
  const workspaces: Workspace[] = [];
  for (let i = 0; i < WORKSPACES; i++) {
    const teamId = `T0BENCH${i}`;
    const token = `xoxb-bench-${i}`;
    const channelId = `C0BENCH${i}`;
    fake.addWorkspace({ teamId, teamName: `Bench ${i}`, botToken: token });
    const count = Math.floor(MEMBERS / WORKSPACES) + (i < MEMBERS % WORKSPACES ? 1 : 0);
    workspaces.push({ teamId, token, channelId, people: seedRitualChannel(fake, teamId, channelId, count) });
  }
  if (!NO_CEILING) fake.setRateLimits(BENCH_SLACK_LIMITS);
  const appRate = NO_CEILING ? NO_CEILING_APP_PER_MINUTE : APP_PER_WORKSPACE_PER_MINUTE;

  const database = await createDatabase();
  const { env, queuePrefix } = benchEnvironment({
    slackApiUrl: fake.url,
    databaseUrl: database.url,
    perWorkspacePerMinute: appRate,
    burst: NO_CEILING ? 1 : APP_WORKSPACE_BURST,
  });
  const { SLACK_BOT_TOKEN: _unused, ...inherited } = process.env;
  const config: Readonly<Config> = loadConfig({ ...inherited, ...env });
  const logger = createLogger(config.logLevel);

  let running: RunningCareerplan | undefined;
  let producer: Deps | undefined;
  const children: ChildProcess[] = [];
  // Set once the figures are in; printed after clean-up so the JSON line is the last line.
  let report: { figures: Record<string, unknown>; targets: Target[] } = {
    figures: {},
    targets: [exactly('finished', 0, 1)],
  };
  const db = new pg.Client({ connectionString: database.url });
  let peakRss = process.memoryUsage().rss;
  let peakChildrenRss = 0;
  /** The largest single worker process seen (with --processes 1: the worker's own peak). */
  let peakWorkerRss = 0;
  const loadAtStart = load();
  const rssTimer = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    if (children.length > 0) {
      const each = children.map((c) => rssOf(c.pid));
      peakChildrenRss = Math.max(
        peakChildrenRss,
        each.reduce((sum, r) => sum + r, 0),
      );
      peakWorkerRss = Math.max(peakWorkerRss, ...each);
    }
  }, 100);

  try {
    await db.connect();
    let deps: Deps;
    if (PROCESSES === 0) {
      running = await startCareerplan(config, logger);
      deps = running.deps;
    } else {
      // This process only produces (sets up, enqueues); the child processes do the work.
      producer = buildDeps(config, logger);
      // The producer sets rituals up, which needs the registered ritual types.
      assembleFeatures(producer);
      deps = producer;
      if (!TSX) buildWorker();
      for (let i = 0; i < PROCESSES; i++) children.push(startWorkerProcess(env, i + 1));
    }
    await installBenchWorkspaces(deps, workspaces);

    // Each workspace installed with its own bot token, and its contribution ritual on its channel.
    const occurrences: Occurrence[] = [];
    for (const w of workspaces) {
      const ritual = await setUpContribution(deps, w.teamId, w.channelId);
      const now = new Date();
      occurrences.push(
        await deps.occurrences.upsertOccurrence({
          ritualId: ritual.id,
          teamId: w.teamId,
          key: `run-bench-${randomBytes(4).toString('hex')}`,
          date: now.toISOString().slice(0, 10),
          kind: 'adhoc',
          fanoutAt: now,
          requestedBy: 'U0BENCH',
        }),
      );
    }

    if (PROCESSES > 0) {
      // The clock starts once every child's workers listen (a child takes seconds to start).
      const delivery = deps.queues.queueFor('delivery');
      const readyBy = Date.now() + 60_000;
      while ((await delivery.getWorkersCount()) < PROCESSES) {
        if (Date.now() > readyBy) throw new Error(`${PROCESSES} worker processes did not start within 60 s`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }

    out(
      `fan-out: ${MEMBERS} members in ${WORKSPACES} workspaces, ` +
        (PROCESSES === 0 ? 'worker role in this process' : `${PROCESSES} worker child processes`),
    );
    out(
      NO_CEILING
        ? `fake Slack: no rate limits; app: SLACK_WORKSPACE_MESSAGES_PER_MINUTE=${appRate}`
        : `fake Slack: W=${FAKE_PER_WORKSPACE_PER_MINUTE}/min per workspace (burst ${FAKE_WORKSPACE_BURST}), ` +
            `1 msg/s per channel (burst 3); app: SLACK_WORKSPACE_MESSAGES_PER_MINUTE=${appRate}, ` +
            `SLACK_WORKSPACE_MESSAGES_BURST=${APP_WORKSPACE_BURST}`,
    );

    const enqueuedAt = Date.now();
    for (const o of occurrences) await deps.timers.fanout(o);

    const expectedRate = (WORKSPACES * appRate) / 60;
    // Generous: several times what the app's own pace allows, so a slow run still reports figures.
    const timeoutMs =
      args.timeout !== undefined
        ? Number(args.timeout) * 1000
        : Math.max(300_000, (MEMBERS / Math.min(expectedRate, 500)) * 15_000 + 120_000);
    const occurrenceIds = occurrences.map((o) => o.id);
    let lastReport = Date.now();
    let timedOut = false;
    let lastFinal = -1;
    let lastChange = Date.now();
    for (;;) {
      const { rows } = await db.query<{ fanned: string; total: string; final: string }>(
        `SELECT (SELECT count(*) FROM ritual_occurrences WHERE id = ANY($1::bigint[]) AND status <> 'planned') AS fanned,
                count(*) AS total,
                count(*) FILTER (WHERE status = ANY($2::text[])) AS final
           FROM outbox WHERE occurrence_id = ANY($1::bigint[])`,
        [occurrenceIds, FINAL_STATUSES],
      );
      const fanned = Number(rows[0]?.fanned);
      const total = Number(rows[0]?.total);
      const final = Number(rows[0]?.final);
      if (fanned === WORKSPACES && final === total) break;
      if (final !== lastFinal) {
        lastFinal = final;
        lastChange = Date.now();
      }
      if (Date.now() - enqueuedAt > timeoutMs) {
        timedOut = true;
        out(
          `TIMEOUT after ${seconds(timeoutMs)} s: ${fanned}/${WORKSPACES} fanned out, ${final}/${total} final`,
        );
        break;
      }
      if (Date.now() - lastReport >= 10_000) {
        lastReport = Date.now();
        out(
          `  … ${seconds(Date.now() - enqueuedAt)} s: ${fanned}/${WORKSPACES} fanned out, ${final}/${total} final` +
            (Date.now() - lastChange > 10_000
              ? ` (no progress for ${seconds(Date.now() - lastChange)} s)`
              : ''),
        );
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    // Anything still in flight (a duplicate would show up here) gets a moment to land.
    await new Promise((r) => setTimeout(r, 1500));

    // Delivered, duplicates and lost, counted on the fake (what Slack saw), per member DM.
    const perChannel = remindersPerMember(fake);
    let delivered = 0;
    let duplicates = 0;
    let lostMembers = 0;
    for (const w of workspaces) {
      for (const userId of w.people) {
        const n = perChannel.get(fake.dmChannelFor(w.teamId, userId)) ?? 0;
        delivered += n;
        if (n > 1) duplicates += 1;
        if (n === 0) lostMembers += 1;
      }
    }
    // The reminders of this run (setting the rituals up may post before the clock starts).
    const posts = fake
      .callsTo('chat.postMessage')
      .filter(
        (c) =>
          c.response?.ok === true &&
          c.at >= enqueuedAt &&
          (c.params.metadata as { event_type?: string } | undefined)?.event_type === 'careerplan_delivery',
      );
    const firstDm = Math.min(...posts.map((c) => c.at));
    const lastDm = Math.max(...posts.map((c) => c.at));
    const elapsedS = (lastDm - enqueuedAt) / 1000;
    const rate = delivered / elapsedS;
    const sendingRate = posts.length > 1 ? (posts.length - 1) / ((lastDm - firstDm) / 1000) : Number.NaN;
    const ceiling = (WORKSPACES * FAKE_PER_WORKSPACE_PER_MINUTE) / 60;
    const tooMany = fake.calls.filter((c) => c.injectedStatus === 429);
    const tooManyPosts = tooMany.filter((c) => c.method === 'chat.postMessage').length;

    const status = await db.query<{ status: string; n: string }>(
      `SELECT status, count(*) AS n FROM outbox WHERE occurrence_id = ANY($1::bigint[]) GROUP BY status ORDER BY status`,
      [occurrenceIds],
    );
    const byStatus = Object.fromEntries(status.rows.map((r) => [r.status, Number(r.n)]));
    const notSent = status.rows.filter((r) => r.status !== 'sent').reduce((s, r) => s + Number(r.n), 0);
    const lateness = await db.query<{ p50: number | null; p99: number | null; max: number | null }>(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - due_at)::float8) AS p50,
              percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - due_at)::float8) AS p99,
              max(extract(epoch FROM sent_at - due_at))::float8 AS max
         FROM outbox WHERE occurrence_id = ANY($1::bigint[]) AND status = 'sent'`,
      [occurrenceIds],
    );
    const jobFailures = await db.query<{ name: string; n: string; last_error: string | null }>(
      `SELECT name, count(*) AS n, max(last_error) AS last_error FROM job_runs WHERE status = 'failed' GROUP BY name`,
    );
    const late = lateness.rows[0];

    out();
    out(`delivered:            ${delivered} DMs to ${MEMBERS - lostMembers}/${MEMBERS} members (fake Slack)`);
    out(`duplicates:           ${duplicates} members with more than one DM`);
    out(
      `lost:                 ${lostMembers} members with no DM; ${notSent} deliveries not 'sent' ` +
        `(by status: ${JSON.stringify(byStatus)})`,
    );
    out(
      `elapsed:              ${elapsedS.toFixed(1)} s from first enqueue to last DM (first DM after ${seconds(firstDm - enqueuedAt)} s)`,
    );
    if (NO_CEILING) {
      out(
        `achieved rate:        ${rate.toFixed(1)} msg/s (${sendingRate.toFixed(1)} msg/s first→last DM); no ceiling`,
      );
    } else {
      out(
        `achieved rate:        ${rate.toFixed(1)} msg/s = ${((rate / ceiling) * 100).toFixed(1)}% of the ` +
          `${ceiling.toFixed(0)} msg/s ceiling (10 × W/60, W=${FAKE_PER_WORKSPACE_PER_MINUTE}/min); ` +
          `first→last DM ${sendingRate.toFixed(1)} msg/s = ${((sendingRate / ceiling) * 100).toFixed(1)}%`,
      );
    }
    out(
      `429s from the fake:   ${tooMany.length} (${tooManyPosts} on chat.postMessage); ` +
        `early retries: ${fake.earlyRetries().length}`,
    );
    out(
      `lateness sent−due:    p50 ${late?.p50?.toFixed(2) ?? '-'} s, p99 ${late?.p99?.toFixed(2) ?? '-'} s, ` +
        `max ${late?.max?.toFixed(2) ?? '-'} s` +
        (NO_CEILING ? " (no ceiling: the engine's own lateness)" : ''),
    );
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    out(
      PROCESSES === 0
        ? `peak RSS:             ${(peakRss / 2 ** 20).toFixed(0)} MiB (one process: fake Slack + worker role + this script)`
        : `peak RSS:             ${(peakRss / 2 ** 20).toFixed(0)} MiB this process (fake Slack + producer), ` +
            `${(peakChildrenRss / 2 ** 20).toFixed(0)} MiB for ${PROCESSES} workers together, ` +
            `${(peakWorkerRss / 2 ** 20).toFixed(0)} MiB the largest worker`,
    );
    // Where the time went: each workspace's DMs, and (in-process) what the deliver jobs did.
    const spans = workspaces.map((w) => {
      const times = posts.filter((c) => c.teamId === w.teamId).map((c) => c.at);
      return { n: times.length, from: Math.min(...times) - enqueuedAt, to: Math.max(...times) - enqueuedAt };
    });
    const perTeamRates = spans.map((x) => (x.n > 1 ? (x.n - 1) / ((x.to - x.from) / 1000) : 0));
    out(
      `per workspace:        ${Math.min(...perTeamRates).toFixed(1)}–${Math.max(...perTeamRates).toFixed(1)} msg/s ` +
        `(app pace ${(appRate / 60).toFixed(1)}); DMs from ${seconds(Math.min(...spans.map((x) => x.from)))}–` +
        `${seconds(Math.max(...spans.map((x) => x.from)))} s to ${seconds(Math.min(...spans.map((x) => x.to)))}–` +
        `${seconds(Math.max(...spans.map((x) => x.to)))} s`,
    );
    if (running) {
      const outcomes = (await running.deps.metrics.jobs.get()).values
        .filter((v) => v.labels.name === 'deliver')
        .map((v) => `${String(v.labels.outcome)} ${v.value}`);
      const durations = (await running.deps.metrics.jobDuration.get()).values.filter(
        (v) =>
          v.labels.name === 'deliver' && (v.metricName?.endsWith('_sum') || v.metricName?.endsWith('_count')),
      );
      const sum = durations.find((v) => v.metricName?.endsWith('_sum'))?.value ?? 0;
      const count = durations.find((v) => v.metricName?.endsWith('_count'))?.value ?? 0;
      out(
        `deliver job runs:     ${outcomes.join(', ')} (delayed = parked until its slot or Retry-After); ` +
          `mean handler time ${count > 0 ? ((sum / count) * 1000).toFixed(0) : '-'} ms over ${count} runs`,
      );
    }
    if (jobFailures.rows.length > 0) {
      out(
        `failed jobs:          ${jobFailures.rows.map((r) => `${r.name} ×${r.n} (${r.last_error})`).join('; ')}`,
      );
    }
    if (fake.violations.length > 0) {
      out(`fake Slack violations: ${fake.violations.length} (first: ${fake.violations[0]})`);
    }

    const ceilingPct = NO_CEILING ? null : (rate / ceiling) * 100;
    const targets: Target[] = [
      exactly('finished', timedOut ? 0 : 1, 1),
      exactly('duplicates', duplicates, 0),
      exactly('lost', lostMembers, 0),
      exactly('earlyRetries', fake.earlyRetries().length, 0),
      exactly('fakeViolations', fake.violations.length, 0),
    ];
    if (!NO_CEILING) targets.push(atLeast('ceilingPct', ceilingPct, 95, '%'));
    if (NO_CEILING && PROCESSES <= 1 && MEMBERS <= 2000)
      targets.push(atMost('latenessP99S', late?.p99, 2, ' s'));
    if (PROCESSES === 1) targets.push(atMost('workerPeakRssMB', peakWorkerRss / 1e6, 200, ' MB'));
    report = {
      figures: {
        members: MEMBERS,
        workspaces: WORKSPACES,
        processes: PROCESSES,
        ceiling: !NO_CEILING,
        appPerWorkspacePerMinute: appRate,
        delivered,
        duplicates,
        lost: lostMembers,
        notSent,
        earlyRetries: fake.earlyRetries().length,
        status429: tooMany.length,
        elapsedS: Number(elapsedS.toFixed(2)),
        rateMsgPerS: Number(rate.toFixed(1)),
        ceilingMsgPerS: NO_CEILING ? null : ceiling,
        ceilingPct: ceilingPct === null ? null : Number(ceilingPct.toFixed(1)),
        sendingPct: NO_CEILING ? null : Number(((sendingRate / ceiling) * 100).toFixed(1)),
        latenessP50S: late?.p50 ?? null,
        latenessP99S: late?.p99 ?? null,
        peakRssMB: Math.round(peakRss / 1e6),
        workerPeakRssMB: PROCESSES > 0 ? Math.round(peakWorkerRss / 1e6) : null,
        workersPeakRssMB: PROCESSES > 0 ? Math.round(peakChildrenRss / 1e6) : null,
        loadAtStart,
        loadAtEnd: load(),
      },
      targets,
    };
  } finally {
    clearInterval(rssTimer);
    await running?.stop().catch((e: unknown) => process.stderr.write(`stopping the worker: ${String(e)}\n`));
    await Promise.all(children.map(stopChild));
    await producer?.close().catch(() => {});
    await db.end().catch(() => {});
    await fake.close().catch(() => {});
    await cleanUp(database.name, queuePrefix);
  }
  verdict('fanout', report.figures, report.targets);
}

runBenchmark(main);
