/**
 * A child process for tests/integration/postgres-faults.test.ts: opens the app's pool
 * (src/db/database.ts) on DATABASE_URL, starts a long query, and reports on stdout what happened
 * when the test cuts the connection under it. A process killed by an unhandled 'error' event
 * never prints REJECTED or RECOVERED, and exits non-zero.
 */
import { sql } from 'kysely';
import { createDb } from '../../src/db/database.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);
const { db } = createDb(process.env.DATABASE_URL ?? '', {
  maxConnections: 2,
  statementTimeoutMs: 60_000,
  onError: (source) => say(`ERROR-EVENT ${source}`),
});

await sql`select 1`.execute(db);
const slow = sql`select pg_sleep(30)`.execute(db);
say('QUERYING');
try {
  await slow;
  say('FINISHED');
} catch (error) {
  say(`REJECTED ${(error as Error).message}`);
}
await sql`select 1`.execute(db);
say('RECOVERED');
await db.destroy();
