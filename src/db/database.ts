import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

// A `date` column holds a local calendar day (a due date, a holiday). pg would turn it into a
// JS Date at local midnight of the server, shifting it across time zones; keep 'YYYY-MM-DD'.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

/** The one Kysely instance of a process, over a pg Pool. `destroy()` closes the pool. */
export function createDb(databaseUrl: string, maxConnections = 10): { db: Db; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: maxConnections });
  // An idle client losing its connection (Postgres restart) must not crash the process.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool };
}
