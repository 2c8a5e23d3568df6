/**
 * The only reader of process.env. Every variable of docs/runtime.md (plus a few operational ones) is
 * validated once here; the result is frozen and passed down. A bad value becomes a ConfigError
 * whose message is one line naming the variable and the expected shape, which main.ts prints
 * without a stack trace.
 */

export type ProcessRole = 'web' | 'worker' | 'all';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** How the app learns bot tokens: one fixed token, or per-workspace OAuth installations. */
export type SlackAuth =
  | { mode: 'single'; botToken: string }
  | { mode: 'oauth'; clientId: string; clientSecret: string; stateSecret: string; redirectUri?: string };

export interface Config {
  role: ProcessRole;
  port: number;
  /** Interface the HTTP server binds to; all interfaces when unset (the sandbox binds 127.0.0.1). */
  host?: string;
  logLevel: LogLevel;
  /** Base URL of Slack's Web API, always ending in '/'. Tests and GovSlack point it elsewhere. */
  slackApiUrl: string;
  /** Required for HTTP mode (every request is verified with it). */
  signingSecret?: string;
  /** Set → Socket Mode instead of HTTP for Slack traffic (HTTP still serves ops routes). */
  appToken?: string;
  auth: SlackAuth;
  /** 32-byte AES-256-GCM key for bot tokens at rest; required with OAuth. */
  tokenEncryptionKey?: Buffer;
  databaseUrl: string;
  redisUrl: string;
  /** Redis key prefix for every BullMQ queue, so several deployments (or tests) share one Redis. */
  queuePrefix: string;
  /**
   * Messages per minute careerplan sends to one workspace (reminders, posts), with a small burst.
   * Slack allows about one message per second per channel and an unpublished per-workspace budget;
   * staying under it avoids 429 storms. 429s that still happen pause only that workspace.
   */
  workspaceMessagesPerMinute: number;
  /** When member reminders are handed to Slack ahead of their time (docs/outbox.md). */
  scheduleAhead: ScheduleAheadSettings;
  /**
   * How many of those messages an idle workspace may send at once (Slack's burst allowance); 1 =
   * evenly spaced. Keep it a little under Slack's own burst: the slack absorbs network jitter.
   */
  workspaceMessagesBurst: number;
  /**
   * Jobs one worker process runs at once on the delivery queue. Most of a delivery's time is spent
   * waiting (Slack, Postgres, its workspace's pace), so this is well above the core count.
   */
  workerConcurrency: number;
  /** Postgres connections per process. */
  databasePoolSize: number;
  /** How long SIGTERM waits for running jobs and requests before forcing the exit. */
  shutdownTimeoutMs: number;
  /**
   * Set → /metrics, the task API and the queue view listen only on this port (keep it off the
   * public ingress); /healthz and /readyz answer on PORT too. Unset → everything shares PORT.
   */
  opsPort?: number;
  /** Bearer token (or Basic password) for the task API and the queue view; unset → both are off. */
  opsToken?: string;
  /** The queue view may retry, promote, clean and delete jobs; read-only unless set. */
  queueViewWritable: boolean;
  /** Opening a Postgres connection (or waiting for a free one) fails after this long. */
  databaseConnectTimeoutMs: number;
  /**
   * Postgres cancels statements running longer than this. Below Slack's 3 s where the process
   * answers Slack (web, all); longer for worker-only processes, whose jobs nobody waits on.
   */
  databaseStatementTimeoutMs: number;
  /** /healthz fails (so the orchestrator restarts the process) once the pool was unusable this long. */
  databaseLivenessTimeoutMs: number;
  /**
   * Adding jobs (enqueue, timers) fails with QueueUnavailableError after this long instead of
   * waiting for Redis; below Slack's 3 s where the process answers Slack.
   */
  redisCommandTimeoutMs: number;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const ROLES: readonly ProcessRole[] = ['web', 'worker', 'all'];
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function url(
  env: Env,
  name: string,
  fallback: string,
  protocols: readonly string[],
  example: string,
): string {
  const value = read(env, name) ?? fallback;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(`${name} must be a URL like ${example}`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must be a URL like ${example} (got protocol ${parsed.protocol})`);
  }
  return value;
}

function tcpPort(env: Env, name: string, fallback: string | undefined): number | undefined {
  const text = read(env, name) ?? fallback;
  if (text === undefined) return undefined;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    throw new ConfigError(`${name} must be a TCP port number 0-65535, like 3000 (got "${text}")`);
  }
  return port;
}

function flag(env: Env, name: string): boolean {
  const text = (read(env, name) ?? 'false').toLowerCase();
  if (!['true', 'false', '1', '0', 'yes', 'no'].includes(text)) {
    throw new ConfigError(`${name} must be true or false (got "${text}")`);
  }
  return ['true', '1', 'yes'].includes(text);
}

/** Postgres URL, the same rule for `npm start` and `npm run db:migrate`. */
function databaseUrlOf(env: Env): string {
  return url(
    env,
    'DATABASE_URL',
    'postgres://postgres@127.0.0.1:5432/careerplan',
    ['postgres:', 'postgresql:'],
    'postgres://user:password@host:5432/careerplan',
  );
}

/**
 * Only what `npm run db:migrate` needs: it reads the same .env and the same DATABASE_URL rule as
 * `npm start`, but does not ask for Slack credentials.
 */
export function loadDatabaseConfig(env: Env): Readonly<{ databaseUrl: string }> {
  return Object.freeze({ databaseUrl: databaseUrlOf(env) });
}

/** OPS_PORT must not collide with PORT; OPS_TOKEN must be long enough not to be guessed. */
function opsSettings(env: Env, port: number) {
  const opsPort = tcpPort(env, 'OPS_PORT', undefined);
  if (opsPort !== undefined && opsPort !== 0 && opsPort === port) {
    throw new ConfigError(`OPS_PORT must differ from PORT (both are ${port}); unset it to share PORT`);
  }
  const opsToken = read(env, 'OPS_TOKEN');
  if (opsToken !== undefined && (opsToken.length < 24 || /\s/.test(opsToken))) {
    throw new ConfigError(
      'OPS_TOKEN must be at least 24 characters without spaces, like the output of `openssl rand -hex 24`',
    );
  }
  return {
    ...(opsPort !== undefined ? { opsPort } : {}),
    ...(opsToken !== undefined ? { opsToken } : {}),
    queueViewWritable: flag(env, 'OPS_QUEUE_VIEW_WRITABLE'),
  };
}

function prefixed(env: Env, name: string, prefix: string, example: string): string | undefined {
  const value = read(env, name);
  if (value !== undefined && !value.startsWith(prefix)) {
    throw new ConfigError(
      `${name} must start with "${prefix}" (like ${example}); check you copied the right token`,
    );
  }
  return value;
}

/** Accepts 64 hex characters or base64 of exactly 32 bytes (e.g. `openssl rand -base64 32`). */
function encryptionKey(env: Env): Buffer | undefined {
  const value = read(env, 'TOKEN_ENCRYPTION_KEY');
  if (value === undefined) return undefined;
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  const decoded = /^[A-Za-z0-9+/_-]+={0,2}$/.test(value) ? Buffer.from(value, 'base64') : Buffer.alloc(0);
  if (decoded.length !== 32) {
    throw new ConfigError(
      'TOKEN_ENCRYPTION_KEY must be 32 random bytes as base64 (`openssl rand -base64 32`) or 64 hex characters',
    );
  }
  return decoded;
}

/** The variables that connect careerplan to a real Slack app. */
export const SLACK_CREDENTIAL_VARIABLES = [
  'SLACK_SIGNING_SECRET',
  'SLACK_BOT_TOKEN',
  'SLACK_CLIENT_ID',
  'SLACK_CLIENT_SECRET',
  'SLACK_APP_TOKEN',
] as const;

/** Whether any Slack credential is set; with none, `npm start` runs the local sandbox instead. */
export function hasSlackCredentials(env: Env): boolean {
  return SLACK_CREDENTIAL_VARIABLES.some((name) => read(env, name) !== undefined);
}

function slackAuth(env: Env): SlackAuth {
  const botToken = prefixed(env, 'SLACK_BOT_TOKEN', 'xoxb-', 'xoxb-1234-5678-abcd');
  const clientId = read(env, 'SLACK_CLIENT_ID');
  const clientSecret = read(env, 'SLACK_CLIENT_SECRET');
  const stateSecret = read(env, 'SLACK_STATE_SECRET');
  const wantsOAuth = clientId !== undefined || clientSecret !== undefined;
  if (botToken !== undefined && wantsOAuth) {
    throw new ConfigError(
      'Set either SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID + SLACK_CLIENT_SECRET (OAuth, many workspaces), not both',
    );
  }
  if (botToken !== undefined) return { mode: 'single', botToken };
  if (!wantsOAuth) {
    throw new ConfigError(
      'No Slack credentials: set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN (one workspace), or SLACK_SIGNING_SECRET, SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET and TOKEN_ENCRYPTION_KEY (OAuth); create the app from manifest.yml (see README "Create the Slack app")',
    );
  }
  if (clientId === undefined)
    throw new ConfigError('SLACK_CLIENT_ID is required with SLACK_CLIENT_SECRET (OAuth mode)');
  if (clientSecret === undefined)
    throw new ConfigError('SLACK_CLIENT_SECRET is required with SLACK_CLIENT_ID (OAuth mode)');
  if (stateSecret === undefined || stateSecret.length < 16) {
    throw new ConfigError(
      'SLACK_STATE_SECRET is required in OAuth mode: a random string of at least 16 characters',
    );
  }
  const redirectUri = read(env, 'SLACK_REDIRECT_URI');
  if (redirectUri !== undefined)
    url(
      env,
      'SLACK_REDIRECT_URI',
      redirectUri,
      ['https:', 'http:'],
      'https://example.com/slack/oauth_redirect',
    );
  return { mode: 'oauth', clientId, clientSecret, stateSecret, ...(redirectUri ? { redirectUri } : {}) };
}

/**
 * Validates the environment. `roleArg` (from the command line: `npm start -- worker`) wins over ROLE.
 * Throws ConfigError with a one-line, user-facing message on the first problem found.
 */
export function loadConfig(env: Env, roleArg?: string): Readonly<Config> {
  const roleText = roleArg ?? read(env, 'ROLE') ?? 'all';
  if (!ROLES.includes(roleText as ProcessRole)) {
    throw new ConfigError(`ROLE must be one of web, worker, all (got "${roleText}")`);
  }
  const role = roleText as ProcessRole;

  const port = tcpPort(env, 'PORT', '3000') ?? 3000;

  const host = read(env, 'HOST');
  if (host !== undefined && !/^[A-Za-z0-9.:-]+$/.test(host)) {
    throw new ConfigError(`HOST must be an interface address like 127.0.0.1 or ::1 (got "${host}")`);
  }

  const logLevel = (read(env, 'LOG_LEVEL') ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  }

  let slackApiUrl = url(
    env,
    'SLACK_API_URL',
    'https://slack.com/api/',
    ['https:', 'http:'],
    'https://slack.com/api/',
  );
  if (!slackApiUrl.endsWith('/')) slackApiUrl += '/';

  const auth = slackAuth(env);
  const appToken = prefixed(env, 'SLACK_APP_TOKEN', 'xapp-', 'xapp-1-A123-456-abcd');
  const signingSecret = read(env, 'SLACK_SIGNING_SECRET');
  if (signingSecret === undefined && appToken === undefined && role !== 'worker') {
    throw new ConfigError(
      'SLACK_SIGNING_SECRET is required in HTTP mode (Basic Information → App Credentials → Signing Secret); or set SLACK_APP_TOKEN for Socket Mode',
    );
  }

  const tokenEncryptionKey = encryptionKey(env);
  if (auth.mode === 'oauth' && tokenEncryptionKey === undefined) {
    throw new ConfigError(
      'TOKEN_ENCRYPTION_KEY is required in OAuth mode: 32 random bytes as base64 (`openssl rand -base64 32`)',
    );
  }

  const databaseUrl = databaseUrlOf(env);
  const redisUrl = url(
    env,
    'REDIS_URL',
    'redis://127.0.0.1:6379',
    ['redis:', 'rediss:'],
    'redis://127.0.0.1:6379',
  );

  const queuePrefix = read(env, 'QUEUE_PREFIX') ?? 'careerplan';
  if (!/^[A-Za-z0-9:_-]{1,64}$/.test(queuePrefix)) {
    throw new ConfigError(
      'QUEUE_PREFIX must be 1-64 characters of letters, digits, ":", "_" or "-", like careerplan',
    );
  }

  const shutdownText = read(env, 'SHUTDOWN_TIMEOUT_MS') ?? '15000';
  if (!/^\d+$/.test(shutdownText)) {
    throw new ConfigError(
      `SHUTDOWN_TIMEOUT_MS must be a number of milliseconds, like 15000 (got "${shutdownText}")`,
    );
  }

  const rateText = read(env, 'SLACK_WORKSPACE_MESSAGES_PER_MINUTE') ?? '300';
  const workspaceMessagesPerMinute = Number(rateText);
  if (!/^\d+$/.test(rateText) || workspaceMessagesPerMinute < 1 || workspaceMessagesPerMinute > 100_000) {
    throw new ConfigError(
      `SLACK_WORKSPACE_MESSAGES_PER_MINUTE must be a whole number 1-100000, like 300 (got "${rateText}")`,
    );
  }

  const burstText = read(env, 'SLACK_WORKSPACE_MESSAGES_BURST') ?? '1';
  if (!/^\d+$/.test(burstText) || Number(burstText) < 1 || Number(burstText) > 1000) {
    throw new ConfigError(
      `SLACK_WORKSPACE_MESSAGES_BURST must be a whole number 1-1000, like 1 (got "${burstText}")`,
    );
  }

  const concurrencyText = read(env, 'WORKER_CONCURRENCY') ?? '100';
  if (!/^\d+$/.test(concurrencyText) || Number(concurrencyText) < 1 || Number(concurrencyText) > 1000) {
    throw new ConfigError(
      `WORKER_CONCURRENCY must be a whole number 1-1000, like 100 (got "${concurrencyText}")`,
    );
  }
  const poolText = read(env, 'DATABASE_POOL_SIZE') ?? '20';
  if (!/^\d+$/.test(poolText) || Number(poolText) < 2 || Number(poolText) > 500) {
    throw new ConfigError(`DATABASE_POOL_SIZE must be a whole number 2-500, like 20 (got "${poolText}")`);
  }

  const databaseConnectTimeoutMs = milliseconds(env, 'DATABASE_CONNECT_TIMEOUT_MS', 2000, 100, 60_000);
  const databaseStatementTimeoutMs = milliseconds(
    env,
    'DATABASE_STATEMENT_TIMEOUT_MS',
    role === 'worker' ? 15_000 : 2500,
    100,
    600_000,
  );
  const databaseLivenessTimeoutMs = milliseconds(
    env,
    'DATABASE_LIVENESS_TIMEOUT_MS',
    60_000,
    1000,
    3_600_000,
  );
  const redisCommandTimeoutMs = milliseconds(
    env,
    'REDIS_COMMAND_TIMEOUT_MS',
    role === 'worker' ? 10_000 : 2000,
    100,
    60_000,
  );

  return Object.freeze({
    role,
    port,
    ...(host ? { host } : {}),
    logLevel,
    slackApiUrl,
    ...(signingSecret ? { signingSecret } : {}),
    ...(appToken ? { appToken } : {}),
    auth: Object.freeze(auth),
    ...(tokenEncryptionKey ? { tokenEncryptionKey } : {}),
    databaseUrl,
    redisUrl,
    queuePrefix,
    shutdownTimeoutMs: Number(shutdownText),
    workspaceMessagesPerMinute,
    workspaceMessagesBurst: Number(burstText),
    workerConcurrency: Number(concurrencyText),
    databasePoolSize: Number(poolText),
    ...opsSettings(env, port),
    databaseConnectTimeoutMs,
    databaseStatementTimeoutMs,
    databaseLivenessTimeoutMs,
    redisCommandTimeoutMs,
    scheduleAhead: scheduleAheadSettings(env),
  });
}

/**
 * Schedule ahead (docs/outbox.md): reminders of planned occurrences are handed to Slack with
 * chat.scheduleMessage this many hours before they are due (0 turns it off), unless they are due
 * sooner than the minimum lead, which are posted at their time as before.
 */
function scheduleAheadSettings(env: Env): ScheduleAheadSettings {
  const hoursText = read(env, 'OUTBOX_SCHEDULE_AHEAD_HOURS') ?? '6';
  if (!/^\d+$/.test(hoursText) || Number(hoursText) > 72) {
    throw new ConfigError(
      `OUTBOX_SCHEDULE_AHEAD_HOURS must be a whole number of hours 0-72 (0 = off), like 6 (got "${hoursText}")`,
    );
  }
  const leadText = read(env, 'OUTBOX_SCHEDULE_MIN_LEAD_SECONDS') ?? '120';
  if (!/^\d+$/.test(leadText) || Number(leadText) < 5 || Number(leadText) > 3600) {
    throw new ConfigError(
      `OUTBOX_SCHEDULE_MIN_LEAD_SECONDS must be a whole number of seconds 5-3600, like 120 (got "${leadText}")`,
    );
  }
  return { windowMs: Number(hoursText) * 3_600_000, minLeadMs: Number(leadText) * 1000 };
}

export interface ScheduleAheadSettings {
  /** How long before its due time a reminder is scheduled with Slack; 0 = never. */
  windowMs: number;
  /** A reminder due sooner than this is posted at its time instead (Slack needs a future post_at). */
  minLeadMs: number;
}

/** A whole number of milliseconds within [min, max], or the fallback when unset. */
function milliseconds(env: Env, name: string, fallback: number, min: number, max: number): number {
  const text = read(env, name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new ConfigError(
      `${name} must be a whole number of milliseconds ${min}-${max}, like ${fallback} (got "${text}")`,
    );
  }
  return value;
}
