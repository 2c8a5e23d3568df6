/**
 * The set-up a ritual benchmark needs around the real worker: N members spread over 10 fake
 * Slack workspaces, the Slack-like limits bench:fanout uses, the app's environment (OAuth mode,
 * a throwaway database and Redis prefix) and each workspace's installation. Shared by
 * bench-fanout.ts and bench-planned.ts.
 */
import { randomBytes } from 'node:crypto';
import type { Deps } from '../src/deps.ts';
import type { FakeSlack, MessageRateLimits } from '../src/sandbox/slack/fake-slack.ts';
import { TEST_REDIS_URL } from '../tests/support/redis.ts';

export const BENCH_WORKSPACES = 10;
/** The fake's per-workspace budget, as in bench:fanout: 1200/min = 20 msg/s per workspace. */
export const FAKE_PER_WORKSPACE_PER_MINUTE = 1200;
/** How many messages an idle workspace may send at once on the fake. */
export const FAKE_WORKSPACE_BURST = 10;
/** The app paces itself slightly under the fake's budget. */
export const APP_PER_WORKSPACE_PER_MINUTE = 1140;

export const BENCH_SLACK_LIMITS: MessageRateLimits = {
  perChannelPerSecond: 1,
  channelBurst: 3,
  perWorkspacePerMinute: FAKE_PER_WORKSPACE_PER_MINUTE,
  workspaceBurst: FAKE_WORKSPACE_BURST,
};

export interface BenchWorkspace {
  teamId: string;
  token: string;
  channelId: string;
  people: string[];
}

/**
 * `members` people spread evenly over the workspaces, each workspace with one channel holding
 * its people; everyone in `timeZone`, so one local time is one instant for all (the worst case).
 */
export function seedBenchWorkspaces(fake: FakeSlack, members: number, timeZone: string): BenchWorkspace[] {
  const workspaces: BenchWorkspace[] = [];
  for (let i = 0; i < BENCH_WORKSPACES; i++) {
    const teamId = `T0BENCH${i}`;
    const token = `xoxb-bench-${i}`;
    const channelId = `C0BENCH${i}`;
    fake.addWorkspace({ teamId, teamName: `Bench ${i}`, botToken: token });
    const count = Math.floor(members / BENCH_WORKSPACES) + (i < members % BENCH_WORKSPACES ? 1 : 0);
    const people: string[] = [];
    for (let p = 0; p < count; p++) {
      const userId = `U${teamId.slice(1)}P${String(p).padStart(5, '0')}`;
      fake.addUser({ teamId, userId, name: `person${p}`, tz: timeZone });
      people.push(userId);
    }
    fake.addChannel({ teamId, channelId, name: 'team', members: people });
    workspaces.push({ teamId, token, channelId, people });
  }
  return workspaces;
}

/** The app's environment for a worker against the fake: OAuth mode, quiet, its own database and prefix. */
export function benchEnvironment(input: {
  slackApiUrl: string;
  databaseUrl: string;
  perWorkspacePerMinute: number;
  /** SLACK_WORKSPACE_MESSAGES_BURST; the app's default (1) when omitted. */
  burst?: number;
}): { env: Record<string, string>; queuePrefix: string } {
  const queuePrefix = `cpbench-${randomBytes(4).toString('hex')}`;
  return {
    queuePrefix,
    env: {
      SLACK_CLIENT_ID: '111.222',
      SLACK_CLIENT_SECRET: 'bench-client-secret',
      SLACK_STATE_SECRET: 'bench-state-secret-0123456789',
      TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      SLACK_API_URL: input.slackApiUrl,
      DATABASE_URL: input.databaseUrl,
      REDIS_URL: TEST_REDIS_URL,
      PORT: '0',
      ROLE: 'worker',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
      QUEUE_PREFIX: queuePrefix,
      SLACK_WORKSPACE_MESSAGES_PER_MINUTE: String(input.perWorkspacePerMinute),
      ...(input.burst !== undefined ? { SLACK_WORKSPACE_MESSAGES_BURST: String(input.burst) } : {}),
    },
  };
}

/** Each workspace installed with its own bot token, as the OAuth flow would have stored it. */
export async function installBenchWorkspaces(
  deps: Deps,
  workspaces: readonly BenchWorkspace[],
): Promise<void> {
  const installations = deps.installations;
  if (!installations) throw new Error('OAuth mode should have an installation repository');
  for (const w of workspaces) {
    await installations.save({
      teamId: w.teamId,
      enterpriseId: null,
      botUserId: `U${w.teamId}BOT`,
      botId: `B${w.teamId}`,
      scopes: '',
      installerUserId: null,
      payloadJson: JSON.stringify({ team: { id: w.teamId }, bot: { token: w.token } }),
    });
  }
}

/** Samples this process's resident set every 100 ms; `peak()` includes a last sample. */
export function samplePeakRss(): { peak(): number; stop(): void } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  timer.unref();
  return {
    peak: () => Math.max(peak, process.memoryUsage().rss),
    stop: () => clearInterval(timer),
  };
}
