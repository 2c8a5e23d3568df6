/**
 * What both benchmark scripts share: a throwaway, migrated database per run (created and dropped
 * through the server's `postgres` database) and plain line output.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from '../src/db/migrator.ts';
import { deleteRedisPrefix } from '../tests/support/redis.ts';

export const ADMIN_URL =
  process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const out = (line = '') => process.stdout.write(`${line}\n`);

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh database with every migration applied. */
export async function createDatabase(): Promise<{ name: string; url: string }> {
  const name = `cp_bench_${randomBytes(4).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  await migrate(url.toString());
  return { name, url: url.toString() };
}

export async function dropDatabase(name: string): Promise<void> {
  await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/** Drops the run's database and Redis keys, reporting (not throwing) what could not be cleaned. */
export async function cleanUp(databaseName: string, queuePrefix: string): Promise<void> {
  await dropDatabase(databaseName).catch((e: unknown) =>
    process.stderr.write(`dropping database: ${String(e)}\n`),
  );
  await deleteRedisPrefix(queuePrefix).catch((e: unknown) =>
    process.stderr.write(`cleaning Redis: ${String(e)}\n`),
  );
}

/** Runs a benchmark's main, printing a failure and setting the exit code instead of throwing. */
export function runBenchmark(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  });
}
