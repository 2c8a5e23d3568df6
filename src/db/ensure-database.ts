import pg from 'pg';

/**
 * Creates the database named in `databaseUrl` when it does not exist yet, so a newcomer's first
 * `npm start` works against a fresh Postgres. Returns true when it created it. Connects to the
 * server's `postgres` database to do so; a user without CREATEDB gets Postgres' own error.
 */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const target = new URL(databaseUrl);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (name === '') return false;

  const probe = new pg.Client({ connectionString: databaseUrl });
  try {
    await probe.connect();
    return false;
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw error; // 3D000 = invalid_catalog_name
  } finally {
    await probe.end().catch(() => {});
  }

  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
    return true;
  } catch (error) {
    // Another replica created it between our probe and this statement: 42P04 when it had
    // finished, 23505 (pg_database's unique index) when both ran at the same moment.
    const code = (error as { code?: string }).code;
    if (code === '42P04' || code === '23505') return false;
    throw error;
  } finally {
    await client.end();
  }
}
