import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureDatabase } from '../../src/db/ensure-database.ts';
import { ADMIN_URL } from '../support/global-setup.ts';

describe('ensureDatabase (a newcomer’s first npm start)', () => {
  const name = `cp_fresh_${randomBytes(4).toString('hex')}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;

  afterAll(async () => {
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('creates the missing database once, even when two processes race', async () => {
    const results = await Promise.all([ensureDatabase(url.toString()), ensureDatabase(url.toString())]);
    expect(results.filter(Boolean).length).toBeLessThanOrEqual(1);
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    await client.end();
    expect(await ensureDatabase(url.toString())).toBe(false);
  });
});
