import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrator.ts';
import { createEmptyDatabase, type TestDatabase } from '../support/database.ts';

async function schemaSnapshot(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT table_name, column_name, data_type, is_nullable, column_default
         FROM information_schema.columns WHERE table_schema = 'public'
        ORDER BY table_name, column_name`,
    );
    return JSON.stringify(rows);
  } finally {
    await client.end();
  }
}

describe('SQL migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createEmptyDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('apply from two processes at once, each file once, and a second run changes nothing', async () => {
    const [first, second] = await Promise.all([migrate(db.url), migrate(db.url)]);
    // The advisory lock serialises them: one applies everything, the other finds nothing to do.
    expect([...(first ?? []), ...(second ?? [])].sort()).toEqual(
      [...new Set([...(first ?? []), ...(second ?? [])])].sort(),
    );
    expect((first?.length ?? 0) + (second?.length ?? 0)).toBeGreaterThan(0);
    expect(Math.min(first?.length ?? 0, second?.length ?? 0)).toBe(0);

    const before = await schemaSnapshot(db.url);
    expect(await migrate(db.url)).toEqual([]);
    expect(await schemaSnapshot(db.url)).toBe(before);
    expect(before).toContain('"table_name":"members"');
    expect(before).toContain('"table_name":"installations"');
  });
});
