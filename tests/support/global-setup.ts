import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate } from '../../src/db/migrator.ts';

/** Postgres server the tests use (trust auth on the machines of this project). */
export const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function urlFor(database: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * Once per test run: a template database with every migration applied. Each test file clones it
 * (`CREATE DATABASE … TEMPLATE …`, milliseconds) and drops its clone at the end; the template is
 * dropped here in teardown, so a run leaves nothing behind.
 */
export async function setup(project: TestProject) {
  const template = `cp_tmpl_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  await migrate(urlFor(template));
  await admin.end();
  project.provide('templateDatabase', template);

  return async () => {
    const client = new pg.Client({ connectionString: ADMIN_URL });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    // Clones a crashed test file could not drop.
    const leftovers = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1`,
      [`${template.replace('tmpl', 'test')}%`],
    );
    for (const { datname } of leftovers.rows)
      await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await client.end();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}
