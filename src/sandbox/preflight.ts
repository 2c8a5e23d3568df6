/**
 * Before the sandbox starts: can Postgres and Redis be reached at all? A new user's most likely
 * problem is that one of them is not running, so the answer names which one, where it was
 * looked for, and the one command that starts both.
 */
import { Redis } from 'ioredis';
import pg from 'pg';

export const START_SERVICES = 'docker compose up -d postgres redis';

/** Errors that mean "nothing answers there", as opposed to "it answered and said no". */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ECONNRESET',
  'EAI_AGAIN',
]);

function where(url: string, defaultPort: number): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || defaultPort}`;
}

/** Postgres answered but would not let this user in (wrong password, no such role). */
const LOGIN_REFUSED = new Set(['28P01', '28000']);

async function postgresAnswers(databaseUrl: string): Promise<boolean | 'login refused'> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
  client.on('error', () => {});
  try {
    await client.connect();
    return true;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== undefined && LOGIN_REFUSED.has(code)) return 'login refused';
    // A missing database still means a server answered; start-up creates it.
    return code !== undefined && !UNREACHABLE.has(code);
  } finally {
    await client.end().catch(() => {});
  }
}

async function redisAnswers(redisUrl: string): Promise<boolean> {
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
    return true;
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/** Undefined when both answer, else the one line to print. */
export async function unreachableServices(
  databaseUrl: string,
  redisUrl: string,
): Promise<string | undefined> {
  const [postgres, redis] = await Promise.all([postgresAnswers(databaseUrl), redisAnswers(redisUrl)]);
  if (postgres === 'login refused') {
    return `Postgres at ${where(databaseUrl, 5432)} refused the login; set DATABASE_URL to a user and password it accepts`;
  }
  const missing = [
    ...(postgres ? [] : [`Postgres at ${where(databaseUrl, 5432)}`]),
    ...(redis ? [] : [`Redis at ${where(redisUrl, 6379)}`]),
  ];
  if (missing.length === 0) return undefined;
  return `cannot reach ${missing.join(' nor ')}; start ${missing.length > 1 ? 'them' : 'it'} with \`${START_SERVICES}\``;
}
