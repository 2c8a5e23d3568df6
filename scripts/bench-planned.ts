/**
 * `npm run bench:planned [-- --members N] [--lead-seconds S] [--timeout S]`: the planned-occurrence
 * target of issue 16 — every member sees their reminder on their minute, at any team size.
 *
 * N members (default 10,000) in 10 workspaces, all in one zone (the worst case: everyone due at
 * once), a fake Slack with bench:fanout's Slack-like limits (1,200 msg/min per workspace). Each
 * workspace's contribution ritual is set up for a minute a few minutes ahead (far enough for the
 * app to schedule everyone ahead within its rate budget), and the app takes its real path from
 * there: reconcile plans the occurrence, the fan-out writes the outbox, the worker delivers.
 *
 * Measured on the fake, per member: seen − due, where seen is when the DM appeared in the member's
 * channel (a scheduled message's `deliveredAt`, or the chat.postMessage time of a posted one).
 * Exits non-zero on any duplicate, loss, early DM, fake violation or p99 > 1 s; the last line is
 * JSON. Uses a throwaway database and Redis prefix, removed at the end.
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { type Config, loadConfig } from '../src/config.ts';
import type { Deps } from '../src/deps.ts';
import type { Weekday } from '../src/domain/schedules/index.ts';
import { createLogger } from '../src/ops/logger.ts';
import { type FakeSlack, startFakeSlack } from '../src/sandbox/slack/fake-slack.ts';
import { type RunningCareerplan, startCareerplan } from '../src/server.ts';
import { cleanUp, createDatabase, out, runBenchmark } from './bench-support.ts';
import {
  APP_PER_WORKSPACE_PER_MINUTE,
  BENCH_SLACK_LIMITS,
  BENCH_WORKSPACES,
  type BenchWorkspace,
  benchEnvironment,
  FAKE_PER_WORKSPACE_PER_MINUTE,
  installBenchWorkspaces,
  samplePeakRss,
  seedBenchWorkspaces,
} from './bench-workspaces.ts';

/** Everyone in one zone, so the ritual's local minute is one instant for all members. */
const ZONE = 'UTC';
/** The target: 99% of members see their reminder within this of its due time. */
const TARGET_P99_MS = 1000;
/** A DM seen this long before its due time is a bug (wrong post_at), not measurement noise. */
const EARLY_TOLERANCE_MS = 1000;
/** After everyone has their DM: time for a duplicate still in flight to land. */
const SETTLE_MS = 3000;

const { values: args } = parseArgs({
  options: {
    members: { type: 'string', default: '10000' },
    /** Seconds from set-up to the due minute (rounded up to a whole minute); default scales with --members. */
    'lead-seconds': { type: 'string' },
    /** Seconds after the due time to wait for every member's DM; default scales with --members. */
    timeout: { type: 'string' },
  },
});
const MEMBERS = Number(args.members);
if (!Number.isInteger(MEMBERS) || MEMBERS < BENCH_WORKSPACES) {
  throw new Error(`--members must be a whole number ≥ ${BENCH_WORKSPACES} (got ${args.members})`);
}
const PER_WORKSPACE = Math.ceil(MEMBERS / BENCH_WORKSPACES);
/** How long the app needs to hand one workspace's DMs to Slack at its own pace. */
const PACED_MS = (PER_WORKSPACE / (APP_PER_WORKSPACE_PER_MINUTE / 60)) * 1000;
/**
 * Four minutes plus half again the pacing time: the fan-out, then every DM scheduled while its
 * due time is still more than a couple of minutes away (the app posts, rather than schedules, a
 * DM due sooner than that).
 */
const LEAD_MS =
  args['lead-seconds'] !== undefined ? Number(args['lead-seconds']) * 1000 : 240_000 + 1.5 * PACED_MS;
const TIMEOUT_MS = args.timeout !== undefined ? Number(args.timeout) * 1000 : Math.max(120_000, 3 * PACED_MS);

const seconds = (ms: number): string => (ms / 1000).toFixed(2);

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN
  );
}

interface SeenDm {
  at: number;
  how: 'scheduled' | 'posted';
}

/**
 * Every reminder DM each member got, by DM channel: posted ones (chat.postMessage carrying the
 * outbox's delivery metadata) at their call time, scheduled ones when the fake posted them.
 * Scheduled messages cannot carry metadata, so any scheduled message posted into a member's DM
 * counts: in this benchmark the reminder is the only DM the app sends.
 */
function dmsByChannel(fake: FakeSlack): Map<string, SeenDm[]> {
  const seen = new Map<string, SeenDm[]>();
  const add = (channel: string, dm: SeenDm) => seen.set(channel, [...(seen.get(channel) ?? []), dm]);
  for (const call of fake.calls) {
    if (call.method !== 'chat.postMessage' || call.response?.ok !== true) continue;
    const metadata = call.params.metadata as { event_type?: string } | undefined;
    if (metadata?.event_type !== 'careerplan_delivery') continue;
    add(String(call.response.channel ?? call.params.channel), { at: call.at, how: 'posted' });
  }
  for (const m of fake.deliveredScheduledMessages()) {
    add(m.channelId, { at: m.deliveredAt ?? Number.NaN, how: 'scheduled' });
  }
  return seen;
}

/** Each workspace's contribution ritual, weekly on the due day at the due minute (in ZONE). */
async function planRituals(deps: Deps, workspaces: readonly BenchWorkspace[], due: Date): Promise<void> {
  const weekday = (((due.getUTCDay() + 6) % 7) + 1) as Weekday;
  for (const w of workspaces) {
    await deps.workspaces.upsertWorkspace(w.teamId);
    // Every day a work day: the benchmark must not depend on the day it is run.
    await deps.calendar.saveTeamCalendar(w.teamId, {
      workWeek: [1, 2, 3, 4, 5, 6, 7],
      timeZone: ZONE,
      holidays: [],
    });
    await deps.rituals.saveSetup(w.teamId, 'contribution', {
      channelId: w.channelId,
      cadence: { kind: 'weekly', weekday },
      localTime: { hour: due.getUTCHours(), minute: due.getUTCMinutes() },
      timeZone: null,
    });
  }
}

async function main(): Promise<void> {
  const fake = await startFakeSlack();
  const workspaces = seedBenchWorkspaces(fake, MEMBERS, ZONE);
  fake.setRateLimits(BENCH_SLACK_LIMITS);
  const database = await createDatabase();
  const { env, queuePrefix } = benchEnvironment({
    slackApiUrl: fake.url,
    databaseUrl: database.url,
    perWorkspacePerMinute: APP_PER_WORKSPACE_PER_MINUTE,
  });
  const { SLACK_BOT_TOKEN: _unused, ...inherited } = process.env;
  const config: Readonly<Config> = loadConfig({ ...inherited, ...env });
  const logger = createLogger(config.logLevel);
  const rss = samplePeakRss();
  const db = new pg.Client({ connectionString: database.url });
  let running: RunningCareerplan | undefined;
  try {
    await db.connect();
    running = await startCareerplan(config, logger);
    const deps = running.deps;
    await installBenchWorkspaces(deps, workspaces);
    const due = new Date(Math.ceil((Date.now() + LEAD_MS) / 60_000) * 60_000);
    await planRituals(deps, workspaces, due);
    // The app's own path from here: reconcile plans the occurrence and arms its fan-out.
    await deps.queues.enqueue('reconcile-rituals', { horizonDays: 3 });
    const startedAt = Date.now();

    out(
      `planned occurrence: ${MEMBERS} members in ${BENCH_WORKSPACES} workspaces, all in ${ZONE}, worker role in this process`,
    );
    out(
      `fake Slack: ${FAKE_PER_WORKSPACE_PER_MINUTE}/min per workspace (burst ${BENCH_SLACK_LIMITS.workspaceBurst}), ` +
        `${BENCH_SLACK_LIMITS.perChannelPerSecond} msg/s per channel; app: SLACK_WORKSPACE_MESSAGES_PER_MINUTE=` +
        `${APP_PER_WORKSPACE_PER_MINUTE}, OUTBOX_SCHEDULE_AHEAD_HOURS=${process.env.OUTBOX_SCHEDULE_AHEAD_HOURS ?? '(default)'}`,
    );
    out(
      `due: ${due.toISOString()} (${seconds(due.getTime() - startedAt)} s after set-up; pacing one workspace takes ~${seconds(PACED_MS)} s)`,
    );

    const teamIds = workspaces.map((w) => w.teamId);
    const dmOf = new Map<string, { teamId: string; userId: string }>();
    for (const w of workspaces)
      for (const userId of w.people)
        dmOf.set(fake.dmChannelFor(w.teamId, userId), { teamId: w.teamId, userId });

    let fannedOutAt: number | undefined;
    let lastReport = 0;
    for (;;) {
      const now = Date.now();
      if (fannedOutAt === undefined) {
        const { rows } = await db.query<{ n: string }>(
          `SELECT count(*) AS n FROM ritual_occurrences WHERE team_id = ANY($1) AND status = 'fanned_out'`,
          [teamIds],
        );
        if (Number(rows[0]?.n) >= BENCH_WORKSPACES) fannedOutAt = now;
      }
      const seen = dmsByChannel(fake);
      const membersSeen = [...dmOf.keys()].filter((c) => (seen.get(c)?.length ?? 0) > 0).length;
      const pending = fake.scheduledMessages().length;
      if (now >= due.getTime() && membersSeen === MEMBERS && pending === 0) break;
      if (now > due.getTime() + TIMEOUT_MS) {
        out(
          `TIMEOUT ${seconds(TIMEOUT_MS)} s after due: ${membersSeen}/${MEMBERS} members have their DM, ${pending} still scheduled`,
        );
        break;
      }
      if (now - lastReport >= 10_000) {
        lastReport = now;
        out(
          `  … ${seconds(now - due.getTime())} s to due: ` +
            `${fannedOutAt === undefined ? 'fan-out running' : `fanned out after ${seconds(fannedOutAt - startedAt)} s`}, ` +
            `${fake.callsTo('chat.scheduleMessage').filter((c) => c.response?.ok === true).length} scheduled, ` +
            `${pending} pending, ${membersSeen}/${MEMBERS} members have their DM`,
        );
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    await new Promise((r) => setTimeout(r, SETTLE_MS));

    // Each member's own due time, as the fan-out wrote it (all should be `due`).
    const { rows: dueRows } = await db.query<{ team_id: string; user_id: string; due_ms: string }>(
      `SELECT o.team_id, o.user_id, (extract(epoch FROM o.due_at) * 1000)::bigint AS due_ms
         FROM outbox o JOIN ritual_occurrences r ON r.id = o.occurrence_id
        WHERE r.team_id = ANY($1) AND o.user_id IS NOT NULL`,
      [teamIds],
    );
    const dueOf = new Map(dueRows.map((r) => [`${r.team_id}/${r.user_id}`, Number(r.due_ms)]));
    const offDue = dueRows.filter((r) => Number(r.due_ms) !== due.getTime()).length;
    const { rows: statusRows } = await db.query<{ status: string; n: string }>(
      `SELECT o.status, count(*) AS n FROM outbox o JOIN ritual_occurrences r ON r.id = o.occurrence_id
        WHERE r.team_id = ANY($1) GROUP BY o.status ORDER BY o.status`,
      [teamIds],
    );

    const seen = dmsByChannel(fake);
    const lateness: number[] = [];
    let duplicates = 0;
    let lost = 0;
    let early = 0;
    let seenScheduled = 0;
    let seenPosted = 0;
    for (const [channel, member] of dmOf) {
      const dms = (seen.get(channel) ?? []).sort((a, b) => a.at - b.at);
      const first = dms[0];
      if (!first) {
        lost += 1;
        continue;
      }
      if (dms.length > 1) duplicates += 1;
      if (first.how === 'scheduled') seenScheduled += 1;
      else seenPosted += 1;
      const memberDue = dueOf.get(`${member.teamId}/${member.userId}`) ?? due.getTime();
      const late = first.at - memberDue;
      if (late < -EARLY_TOLERANCE_MS) early += 1;
      lateness.push(late);
    }
    lateness.sort((a, b) => a - b);
    const p50 = percentile(lateness, 50);
    const p95 = percentile(lateness, 95);
    const p99 = percentile(lateness, 99);
    const max = lateness[lateness.length - 1] ?? Number.NaN;
    const min = lateness[0] ?? Number.NaN;
    const okCalls = (method: string) => fake.callsTo(method).filter((c) => c.response?.ok === true).length;
    const scheduled = okCalls('chat.scheduleMessage');
    const deleted = okCalls('chat.deleteScheduledMessage');
    const posted = [...seen.values()].flat().filter((d) => d.how === 'posted').length;
    const tooMany = fake.calls.filter((c) => c.injectedStatus === 429);
    const earlyRetries = fake.earlyRetries().length;
    const violations = fake.violations.length;
    const pendingLeft = fake.scheduledMessages().length;
    const peakRssMiB = Math.round(rss.peak() / 2 ** 20);

    out();
    out(
      `seen − due:           p50 ${seconds(p50)} s, p95 ${seconds(p95)} s, p99 ${seconds(p99)} s, max ${seconds(max)} s, min ${seconds(min)} s (target p99 ≤ ${seconds(TARGET_P99_MS)} s)`,
    );
    out(`first DM per member:  ${seenScheduled} scheduled ahead, ${seenPosted} posted`);
    out(
      `Slack calls:          ${scheduled} chat.scheduleMessage ok, ${posted} reminder chat.postMessage ok, ${deleted} deleted; ${pendingLeft} still scheduled`,
    );
    out(`duplicates:           ${duplicates} members with more than one DM`);
    out(
      `lost:                 ${lost} members with no DM; outbox by status ${JSON.stringify(Object.fromEntries(statusRows.map((r) => [r.status, Number(r.n)])))}`,
    );
    out(
      `early:                ${early} members whose DM came more than ${seconds(EARLY_TOLERANCE_MS)} s before due`,
    );
    if (offDue > 0)
      out(
        `WARNING: ${offDue} outbox rows are not due at ${due.toISOString()} (set-up did not plan one minute)`,
      );
    out(
      `429s from the fake:   ${tooMany.length} (${tooMany.filter((c) => c.method === 'chat.scheduleMessage').length} on chat.scheduleMessage); early retries: ${earlyRetries}`,
    );
    out(`fake violations:      ${violations}${violations > 0 ? ` (first: ${fake.violations[0]})` : ''}`);
    out(`peak RSS:             ${peakRssMiB} MiB (one process: fake Slack + worker role + this script)`);

    const pass =
      lost === 0 &&
      duplicates === 0 &&
      early === 0 &&
      violations === 0 &&
      pendingLeft === 0 &&
      offDue === 0 &&
      p99 <= TARGET_P99_MS;
    if (!pass) process.exitCode = 1;
    const round = (ms: number) => (Number.isFinite(ms) ? Math.round(ms) : null);
    out(
      JSON.stringify({
        bench: 'planned',
        members: MEMBERS,
        workspaces: BENCH_WORKSPACES,
        due: due.toISOString(),
        p50Ms: round(p50),
        p95Ms: round(p95),
        p99Ms: round(p99),
        maxMs: round(max),
        minMs: round(min),
        scheduled: seenScheduled,
        posted: seenPosted,
        duplicates,
        lost,
        early,
        pendingLeft,
        violations,
        earlyRetries,
        ratelimited: tooMany.length,
        peakRssMiB,
        pass,
      }),
    );
  } finally {
    rss.stop();
    await running?.stop().catch((e: unknown) => process.stderr.write(`stopping the worker: ${String(e)}\n`));
    await db.end().catch(() => {});
    await fake.close().catch(() => {});
    await cleanUp(database.name, queuePrefix);
  }
}

runBenchmark(main);
