/**
 * `npm run bench`: client-side latency of `/careerplan help` on the real app (web role, in this
 * process) against a bare Bolt app whose command only acks — same machine, same fake Slack, same
 * signing, same load (500 requests, 20 in flight, after a warm-up). Prints p50/p95/p99/max for
 * both and the p99 ratio. Uses a throwaway database and Redis prefix, removed at the end.
 */

import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { App, type Logger as BoltLogger, LogLevel } from '@slack/bolt';
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
import { TEST_REDIS_URL } from '../tests/support/redis.ts';
import { cleanUp, createDatabase, out, runBenchmark } from './bench-support.ts';

const REQUESTS = 500;
const WARMUP = 50;
const IN_FLIGHT = 20;
/** Requests per round; the target that goes first alternates each round. */
const ROUND = 50;
const USER = 'U0ALICE';

interface Target {
  name: string;
  slack: SlackClient;
  /** Throws when the response is not what this target must answer. */
  check(res: SlackAppResponse): void;
  latencies: number[];
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
  await app.init();
  const server = (await app.start(0)) as unknown as { address(): AddressInfo | string | null };
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('bare Bolt app has no port');
  return { port: address.port, stop: () => app.stop().then(() => undefined) };
}

/** Sends `count` help commands to the target, `IN_FLIGHT` at a time; records latencies if asked. */
async function drive(target: Target, count: number, record: boolean): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) {
      next += 1;
      const started = performance.now();
      const res = await target.slack.slashCommand({ teamId: TEAM, userId: USER, text: 'help' });
      const elapsed = performance.now() - started;
      target.check(res);
      if (record) target.latencies.push(elapsed);
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, count) }, lane));
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

function summary(latencies: readonly number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

const ms = (value: number) => `${value.toFixed(1).padStart(7)} ms`;

async function main(): Promise<void> {
  const fake = await startFakeSlack();
  seedWorkspace(fake);
  const database = await createDatabase();
  const queuePrefix = `cpbench-${randomBytes(4).toString('hex')}`;
  let careerplan: RunningCareerplan | undefined;
  let bare: { port: number; stop(): Promise<void> } | undefined;
  try {
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
    const targets: Target[] = [
      {
        name: 'careerplan',
        slack: signer(careerplan.port),
        latencies: [],
        check(res) {
          if (res.status !== 200)
            throw new Error(`careerplan answered ${res.status}: ${res.body.slice(0, 200)}`);
          const body = res.json() as { response_type?: string; blocks?: unknown } | undefined;
          if (
            body?.response_type !== 'ephemeral' ||
            !JSON.stringify(body.blocks ?? []).includes('/careerplan')
          ) {
            throw new Error(`careerplan did not answer with the ephemeral help: ${res.body.slice(0, 200)}`);
          }
        },
      },
      {
        name: 'bare Bolt',
        slack: signer(bare.port),
        latencies: [],
        check(res) {
          if (res.status !== 200)
            throw new Error(`bare Bolt answered ${res.status}: ${res.body.slice(0, 200)}`);
        },
      },
    ];

    for (const target of targets) await drive(target, WARMUP, false);
    for (let round = 0; round * ROUND < REQUESTS; round++) {
      const count = Math.min(ROUND, REQUESTS - round * ROUND);
      const order = round % 2 === 0 ? targets : [...targets].reverse();
      for (const target of order) await drive(target, count, true);
    }

    out(
      `/careerplan help: ${REQUESTS} signed slash commands per target, ${IN_FLIGHT} in flight, ` +
        `after ${WARMUP} warm-up; client-side latency (fake Slack, Postgres and Redis on this machine)`,
    );
    out(
      `${'target'.padEnd(12)} ${'n'.padStart(4)} ${'p50'.padStart(10)} ${'p95'.padStart(10)} ${'p99'.padStart(10)} ${'max'.padStart(10)}`,
    );
    const stats = targets.map((t) => ({ name: t.name, ...summary(t.latencies) }));
    for (const s of stats) {
      out(
        `${s.name.padEnd(12)} ${String(s.n).padStart(4)} ${ms(s.p50)} ${ms(s.p95)} ${ms(s.p99)} ${ms(s.max)}`,
      );
    }
    const [app, baseline] = stats;
    if (app && baseline) out(`p99 ratio careerplan/bare: ${(app.p99 / baseline.p99).toFixed(2)}x`);
    if (fake.violations.length > 0)
      out(`fake Slack violations: ${fake.violations.length} (first: ${fake.violations[0]})`);
  } finally {
    await careerplan
      ?.stop()
      .catch((e: unknown) => process.stderr.write(`stopping careerplan: ${String(e)}\n`));
    await bare?.stop().catch((e: unknown) => process.stderr.write(`stopping bare Bolt: ${String(e)}\n`));
    await fake.close().catch(() => {});
    await cleanUp(database.name, queuePrefix);
  }
}

runBenchmark(main);
