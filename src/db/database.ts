import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { createPoolHealth, type PoolHealth } from './pool-health.ts';
import { resilientPool } from './resilient-pool.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

// A `date` column holds a local calendar day (a due date, a holiday). pg would turn it into a
// JS Date at local midnight of the server, shifting it across time zones; keep 'YYYY-MM-DD'.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

export interface DbOptions {
  maxConnections?: number;
  /** Opening a connection (or waiting for a free one) fails after this long instead of hanging. */
  connectTimeoutMs?: number;
  /**
   * Postgres cancels any statement running longer (server side). Below Slack's 3 s on processes
   * that answer Slack, so a slow query becomes an error the user can be told about in time.
   */
  statementTimeoutMs?: number;
  /**
   * A query with no answer at all after this long fails client side and its connection is
   * dropped: the guard against partitions, where the server never gets to cancel anything.
   * Defaults to the statement timeout plus one second.
   */
  queryTimeoutMs?: number;
  /** Where pool and connection errors go (they must never be unhandled: that kills the process). */
  onError?: (source: string, error: unknown) => void;
}

/**
 * The one Kysely instance of a process, over a pg Pool that survives Postgres faults (see
 * docs/reliability.md): every client has an error listener for its whole life, connections
 * time out, statements time out, TCP keep-alive notices dead peers, and a client that lost its
 * connection is destroyed rather than reused. `destroy()` closes the pool.
 */
export function createDb(
  databaseUrl: string,
  options: DbOptions | number = {},
): { db: Db; pool: pg.Pool; health: PoolHealth } {
  const o: DbOptions = typeof options === 'number' ? { maxConnections: options } : options;
  const statementTimeoutMs = o.statementTimeoutMs ?? 2500;
  const onError = o.onError ?? (() => {});
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: o.maxConnections ?? 10,
    connectionTimeoutMillis: o.connectTimeoutMs ?? 2000,
    statement_timeout: statementTimeoutMs,
    query_timeout: o.queryTimeoutMs ?? statementTimeoutMs + 1000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    idleTimeoutMillis: 10_000,
  });
  // An idle client losing its connection (Postgres restart) emits on the pool too; the client's
  // own listener below has reported it already, but the pool must have a listener or it throws.
  pool.on('error', () => {});
  // A client lent out to a query emits on itself, and pg's pool only listens while it is idle:
  // with no listener of ours the process would exit with "Connection terminated unexpectedly".
  pool.on('connect', (client) => {
    client.on('error', (error) => onError('pg-client', error));
  });
  const health = createPoolHealth();
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: resilientPool(pool, health) }) });
  return { db, pool, health };
}
