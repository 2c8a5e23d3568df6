/**
 * `npm run bench`: client-side latency of three request kinds on the real app (web role, in this
 * process) against a bare Bolt app that only acks the same request types — same machine, same
 * fake Slack, same signing, same load (20 in flight, after a warm-up):
 *
 * - `help`: `/careerplan help`, an ephemeral answer built in memory;
 * - `okr`: `/careerplan okr`, this quarter's OKRs read from Postgres (seeded first through the
 *   app's own `okr add` modal);
 * - `modal`: a `view_submission` of the milestone modal, which the app validates and stores.
 *
 * Each of 5 rounds sends ROUND_REQUESTS of each kind to each target (the target that goes first
 * alternates) and takes the p99 ratio careerplan/bare; the figure per kind is the median of the 5
 * ratios, so one noisy moment on a shared machine does not decide it. Target: ≤ 1.3× per kind.
 * Exits 1 on a missed target; the last line is JSON. Uses a throwaway database and Redis prefix.
 */

import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { App, type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/ops/logger.ts';
import { type FakeSlack, startFakeSlack } from '../src/sandbox/slack/fake-slack.ts';
import {
  createSlackClient,
  type SlackAppResponse,
  type SlackClient,
} from '../src/sandbox/slack/slack-signer.ts';
import { type RunningCareerplan, startCareerplan } from '../src/server.ts';
import { BOT_TOKEN, SIGNING_SECRET, seedWorkspace, TEAM } from '../tests/support/app-harness.ts';
import { stateFor } from '../tests/support/plans-e2e.ts';
import { TEST_REDIS_URL } from '../tests/support/redis.ts';
import { cleanUp, createDatabase, out, runBenchmark } from './bench-support.ts';
import { atMost, type Target as Check, exactly, load, verdict } from './bench-targets.ts';

const ROUNDS = 5;
const ROUND_REQUESTS = 300;
const WARMUP = 50;
const IN_FLIGHT = 20;
/** Requests per slice of a round; the target that goes first alternates each slice. */
const SLICE = 50;
const USER = 'U0ALICE';
const MAX_RATIO = 1.3;

type Obj = Record<string, unknown>;
type Kind = 'help' | 'okr' | 'modal';
const KINDS: readonly Kind[] = ['help', 'okr', 'modal'];

interface Target {
  name: string;
  slack: SlackClient;
  /** Whether this target is careerplan (its answers are checked). */
  real: boolean;
}

/** Bolt's own logger, muted: the bare app must not print anything while it is measured. */
function silentBoltLogger(): BoltLogger {
  const noop = () => {};
  return {
    debug: noop,
    info: noop,
    warn: noop,
    error: noop,
    setLevel: noop,
    getLevel: () => LogLevel.ERROR,
    setName: noop,
  };
}

/** A Bolt app that acks the command and any view submission, and does nothing else. */
async function startBareBolt(fake: FakeSlack): Promise<{ port: number; stop(): Promise<void> }> {
  const app = new App({
    signingSecret: SIGNING_SECRET,
    token: BOT_TOKEN,
    clientOptions: { slackApiUrl: fake.url },
    deferInitialization: true,
    logger: silentBoltLogger(),
  });
  app.command('/careerplan', async ({ ack }) => {
    await ack();
  });
  app.view(/.*/, async ({ ack }) => {
    await ack();
  });
  await app.init();
  const server = (await app.start(0)) as unknown as { address(): AddressInfo | string | null };
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('bare Bolt app has no port');
  return { port: address.port, stop: () => app.stop().then(() => undefined) };
}

/** The modal the app opened most recently with this callback id, on the fake Slack. */
function lastModal(fake: FakeSlack, callbackId: string): Obj {
  const view = fake
    .callsTo('views.open')
    .map((c) => c.params.view as Obj | undefined)
    .filter((v) => v?.callback_id === callbackId)
    .at(-1);
  if (!view) throw new Error(`careerplan did not open the "${callbackId}" modal`);
  return view;
}

/** Opens a form through the app's own command and returns the view it opened. */
async function openForm(fake: FakeSlack, slack: SlackClient, text: string, callbackId: string): Promise<Obj> {
  const before = fake.callsTo('views.open').length;
  const res = await slack.slashCommand({ teamId: TEAM, userId: USER, text });
  if (res.status !== 200) throw new Error(`/careerplan ${text} answered ${res.status}`);
  await fake.waitFor(() => fake.callsTo('views.open').length > before);
  return lastModal(fake, callbackId);
}

/** The submission Slack sends for a view with these values typed in. */
function submission(view: Obj, typed: Parameters<typeof stateFor>[1]) {
  return {
    callback_id: String(view.callback_id),
    private_metadata: typeof view.private_metadata === 'string' ? view.private_metadata : '',
    blocks: view.blocks,
    state: stateFor(view, typed),
  };
}

/** Sends one request of `kind`; throws when careerplan's answer is not the one it must give. */
function requester(milestoneView: Obj) {
  const due = new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10);
  let n = 0;
  return async (target: Target, kind: Kind): Promise<void> => {
    let res: SlackAppResponse;
    if (kind === 'modal') {
      n += 1;
      res = await target.slack.viewSubmission({
        teamId: TEAM,
        userId: USER,
        view: submission(milestoneView, {
          kind: { option: 'delivery' },
          title: `Benchmark milestone ${n}`,
          dueDate: { date: due },
        }),
      });
    } else {
      res = await target.slack.slashCommand({ teamId: TEAM, userId: USER, text: kind });
    }
    if (res.status !== 200)
      throw new Error(`${target.name} ${kind} answered ${res.status}: ${res.body.slice(0, 200)}`);
    if (!target.real) return;
    const body = res.body;
    if (kind === 'help' && !(body.includes('"ephemeral"') && body.includes('/careerplan')))
      throw new Error(`careerplan did not answer with the ephemeral help: ${body.slice(0, 200)}`);
    if (kind === 'okr' && !body.includes('OKRs'))
      throw new Error(`careerplan did not list the OKRs: ${body.slice(0, 200)}`);
    // A stored milestone closes the modal: an empty 200. Field errors come back as JSON.
    if (kind === 'modal' && body !== '')
      throw new Error(`careerplan refused the milestone: ${body.slice(0, 200)}`);
  };
}

/** Sends `count` requests of `kind` to the target, IN_FLIGHT at a time; returns their latencies. */
async function drive(
  send: (t: Target, k: Kind) => Promise<void>,
  target: Target,
  kind: Kind,
  count: number,
): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  const lane = async () => {
    while (next < count) {
      next += 1;
      const started = performance.now();
      await send(target, kind);
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, count) }, lane));
  return latencies;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

const median = (values: readonly number[]) => percentile(values, 50);
const ms = (value: number) => `${value.toFixed(1).padStart(7)} ms`;

async function main(): Promise<void> {
  const fake = await startFakeSlack();
  seedWorkspace(fake);
  const database = await createDatabase();
  const queuePrefix = `cpbench-${randomBytes(4).toString('hex')}`;
  const loadAtStart = load();
  let careerplan: RunningCareerplan | undefined;
  let bare: { port: number; stop(): Promise<void> } | undefined;
  const db = new pg.Client({ connectionString: database.url });
  const figures: Record<string, unknown> = { rounds: ROUNDS, requestsPerRound: ROUND_REQUESTS };
  const targets: Target[] = [];
  const verdicts: Check[] = [exactly('finished', 0, 1)];
  try {
    await db.connect();
    careerplan = await startCareerplan(
      loadConfig({
        ...process.env,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_API_URL: fake.url,
        DATABASE_URL: database.url,
        REDIS_URL: TEST_REDIS_URL,
        PORT: '0',
        ROLE: 'web',
        LOG_LEVEL: 'silent',
        QUEUE_PREFIX: queuePrefix,
      }),
      createLogger('silent'),
    );
    bare = await startBareBolt(fake);
    const signer = (port: number) =>
      createSlackClient({
        appUrl: `http://127.0.0.1:${port}`,
        signingSecret: SIGNING_SECRET,
        fakeSlack: fake,
      });
    targets.push({ name: 'careerplan', slack: signer(careerplan.port), real: true });
    targets.push({ name: 'bare Bolt', slack: signer(bare.port), real: false });
    const app = targets[0] as Target;

    // This quarter's OKR, stored through the app's own modal, so `okr` has something to read.
    const okrView = await openForm(fake, app.slack, 'okr add', 'plans_okr_add');
    const seeded = await app.slack.viewSubmission({
      teamId: TEAM,
      userId: USER,
      view: submission(okrView, {
        objective: 'Make checkout fast and boring',
        kr1_title: 'Migrate checkout to the new queue',
        kr1_kind: { option: 'percent' },
        kr2_title: 'Cut p95 checkout latency',
        kr2_kind: { option: 'metric' },
        kr2_start: '800',
        kr2_target: '200',
        kr2_unit: 'ms',
      }),
    });
    if (seeded.body !== '') throw new Error(`seeding the OKR failed: ${seeded.body.slice(0, 200)}`);
    const milestoneView = await openForm(fake, app.slack, 'milestone add', 'plans_milestone_add');
    const send = requester(milestoneView);

    for (const kind of KINDS) for (const target of targets) await drive(send, target, kind, WARMUP);

    const ratios: Record<Kind, number[]> = { help: [], okr: [], modal: [] };
    const p99s: Record<Kind, { careerplan: number[]; bare: number[] }> = {
      help: { careerplan: [], bare: [] },
      okr: { careerplan: [], bare: [] },
      modal: { careerplan: [], bare: [] },
    };
    for (let round = 0; round < ROUNDS; round++) {
      for (const kind of KINDS) {
        const latencies = new Map<Target, number[]>(targets.map((t) => [t, []]));
        for (let slice = 0; slice * SLICE < ROUND_REQUESTS; slice++) {
          const order = (round + slice) % 2 === 0 ? targets : [...targets].reverse();
          for (const target of order)
            latencies.get(target)?.push(...(await drive(send, target, kind, SLICE)));
        }
        const real = percentile(latencies.get(app) ?? [], 99);
        const baseline = percentile(latencies.get(targets[1] as Target) ?? [], 99);
        p99s[kind].careerplan.push(real);
        p99s[kind].bare.push(baseline);
        ratios[kind].push(real / baseline);
      }
      // Each round starts from the same data: the milestones this round stored are removed.
      await db.query(`DELETE FROM milestones WHERE team_id = $1 AND user_id = $2`, [TEAM, USER]);
      out(
        `round ${round + 1}: p99 ratio ` +
          KINDS.map((k) => `${k} ${(ratios[k].at(-1) ?? Number.NaN).toFixed(2)}×`).join(', '),
      );
    }

    out();
    out(
      `${ROUNDS} rounds × ${ROUND_REQUESTS} signed requests per kind and target, ${IN_FLIGHT} in flight, ` +
        `after ${WARMUP} warm-up; client-side latency (fake Slack, Postgres and Redis on this machine)`,
    );
    out(
      `${'kind'.padEnd(6)} ${'careerplan p99'.padStart(16)} ${'bare p99'.padStart(12)}  median ratio (each round)`,
    );
    verdicts.length = 0;
    verdicts.push(exactly('finished', 1, 1));
    for (const kind of KINDS) {
      const ratio = median(ratios[kind]);
      out(
        `${kind.padEnd(6)} ${ms(median(p99s[kind].careerplan)).padStart(16)} ${ms(median(p99s[kind].bare)).padStart(12)}  ` +
          `${ratio.toFixed(2)}× (${ratios[kind].map((r) => r.toFixed(2)).join(', ')})`,
      );
      figures[kind] = {
        p99RatioMedian: Number(ratio.toFixed(3)),
        p99RatioRounds: ratios[kind].map((r) => Number(r.toFixed(3))),
        careerplanP99MsMedian: Number(median(p99s[kind].careerplan).toFixed(1)),
        bareP99MsMedian: Number(median(p99s[kind].bare).toFixed(1)),
      };
      verdicts.push(atMost(`${kind}P99Ratio`, ratio, MAX_RATIO, '×'));
    }
    verdicts.push(exactly('fakeViolations', fake.violations.length, 0));
    if (fake.violations.length > 0)
      out(`fake Slack violations: ${fake.violations.length} (first: ${fake.violations[0]})`);
    figures.loadAtStart = loadAtStart;
    figures.loadAtEnd = load();
  } finally {
    await db.end().catch(() => {});
    await careerplan
      ?.stop()
      .catch((e: unknown) => process.stderr.write(`stopping careerplan: ${String(e)}\n`));
    await bare?.stop().catch((e: unknown) => process.stderr.write(`stopping bare Bolt: ${String(e)}\n`));
    await fake.close().catch(() => {});
    await cleanUp(database.name, queuePrefix);
  }
  verdict('help', figures, verdicts);
}

runBenchmark(main);
