/**
 * The sandbox without a browser: the demo-data button's whole run goes through careerplan's
 * request paths and leaves real rows behind; the servers listen on loopback only.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.ts';

describe('the sandbox demo data', () => {
  let test: TestSandbox;

  beforeAll(async () => {
    test = await startTestSandbox();
  });
  afterAll(async () => {
    await test?.cleanup();
  });

  const count = async (sql: string): Promise<number> => {
    const client = new pg.Client({ connectionString: test.database.url });
    await client.connect();
    try {
      return Number((await client.query<{ n: string }>(sql)).rows[0]?.n);
    } finally {
      await client.end();
    }
  };

  it('creates plans, OKRs, milestones and contributions through the app, and Home shows them', async () => {
    const { operations, surfaces } = test.sandbox;
    await operations.demo();
    expect(operations.demoStatus().message).toMatch(/^Demo data ready/);
    expect(await count('select count(*) as n from north_stars')).toBe(6);
    expect(await count('select count(*) as n from milestones')).toBe(6);
    expect(await count('select count(*) as n from objectives')).toBe(6);
    expect(await count('select count(*) as n from key_result_checkins')).toBeGreaterThanOrEqual(10);
    expect(await count('select count(*) as n from portfolio_artifacts')).toBe(5);
    expect(await count("select count(*) as n from outbox where status = 'skipped'")).toBe(1);

    await operations.interactions.openHome('U0OLIVER');
    await surfaces.waitFor(
      () => JSON.stringify(operations.snapshot('U0OLIVER')?.home ?? '').includes('payments platform'),
      10_000,
      'Oliver’s Home tab with his north star',
    );
    expect(test.sandbox.fake.violations).toEqual([]);
  });

  it('refuses operations from another site, and bodies that are not JSON', async () => {
    const before = test.sandbox.model.ephemerals.length;
    const post = (headers: Record<string, string>) =>
      fetch(`${test.sandbox.url}/do/command`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ as: 'U0MAYA', channel: 'C0GENERAL', text: '/careerplan help' }),
      });
    expect((await post({ 'content-type': 'application/json', origin: 'http://evil.example' })).status).toBe(
      403,
    );
    expect((await post({ 'content-type': 'text/plain' })).status).toBe(415);
    expect(test.sandbox.model.ephemerals.length).toBe(before);
    expect((await post({ 'content-type': 'application/json' })).status).toBe(200);
    expect(test.sandbox.model.ephemerals.length).toBe(before + 1);
  });

  it('listens on 127.0.0.1 only: the page, the Slack stand-in and the app', () => {
    // Read from the kernel's socket table (no traffic sent): every listening socket on these
    // ports must be bound to 127.0.0.1, none to 0.0.0.0 or ::.
    const listening = (port: number): string[] => {
      const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
      return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .slice(1)
          .map((line) => line.trim().split(/\s+/))
          .filter((cols) => cols[1]?.endsWith(`:${hexPort}`) && cols[3] === '0A')
          .map((cols) => (cols[1] as string).split(':')[0] as string),
      );
    };
    const apiPort = Number(new URL(test.sandbox.fake.url).port);
    for (const port of [test.sandbox.port, test.sandbox.app.port, apiPort]) {
      expect(listening(port), `port ${port}`).toEqual(['0100007F']);
    }
  });
});
