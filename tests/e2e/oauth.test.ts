import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import { startTestApp, type TestApp } from '../support/app-harness.ts';
import { waitForListenerRuns } from '../support/signals.ts';

/** Walks Slack's OAuth v2 flow against the app: /slack/install, then the redirect with a code. */
async function install(app: TestApp, code: string): Promise<Response> {
  const start = await fetch(`${app.baseUrl}/slack/install`, { redirect: 'manual' });
  expect(start.status).toBe(302);
  const authorizeUrl = new URL(start.headers.get('location') ?? '');
  const state = authorizeUrl.searchParams.get('state') ?? '';
  expect(authorizeUrl.searchParams.get('scope')).toContain('chat:write');
  const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return fetch(`${app.baseUrl}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`, {
    headers: { cookie },
    redirect: 'manual',
  });
}

describe('OAuth multi-workspace install', () => {
  let fake: FakeSlack;
  let app: TestApp;

  beforeAll(async () => {
    fake = await startFakeSlack();
    app = await startTestApp({
      fake,
      env: {
        SLACK_BOT_TOKEN: '',
        SLACK_CLIENT_ID: '111.222',
        SLACK_CLIENT_SECRET: 'client-secret',
        SLACK_STATE_SECRET: 'state-secret-for-tests',
        TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      },
    });
  });
  afterAll(async () => {
    await app?.cleanup();
    await fake?.close();
  });

  it('installs two workspaces, each answering with its own encrypted token, and uninstall removes one', async () => {
    fake.setOAuthInstall('code-a', {
      teamId: 'T0AAAA',
      teamName: 'A',
      botToken: 'xoxb-team-a',
      installerUserId: 'U0ANNA',
    });
    fake.setOAuthInstall('code-b', {
      teamId: 'T0BBBB',
      teamName: 'B',
      botToken: 'xoxb-team-b',
      installerUserId: 'U0BEN',
    });
    fake.addUser({ teamId: 'T0BBBB', userId: 'U0BEN', name: 'ben', tz: 'Asia/Kolkata' });

    expect((await install(app, 'code-a')).status).toBeLessThan(400);
    const second = await install(app, 'code-b');
    expect(second.status).toBeLessThan(400);
    const access = fake.callsTo('oauth.v2.access');
    expect(access).toHaveLength(2);
    expect(access[1]?.params.client_id).toBe('111.222');

    const db = new pg.Client({ connectionString: app.database.url });
    await db.connect();
    try {
      const rows = await db.query<{ team_id: string; encrypted_payload: Buffer }>(
        'SELECT team_id, encrypted_payload FROM installations ORDER BY team_id',
      );
      expect(rows.rows.map((r) => r.team_id)).toEqual(['T0AAAA', 'T0BBBB']);
      for (const row of rows.rows)
        expect(row.encrypted_payload.toString('latin1')).not.toContain('xoxb-team');

      // The second workspace's command works, and its Web API calls use its own token.
      const help = await app.slack.slashCommand({ teamId: 'T0BBBB', userId: 'U0BEN', text: 'help' });
      expect((help.json() as { response_type: string }).response_type).toBe('ephemeral');
      await app.slack.event({
        teamId: 'T0BBBB',
        event: { type: 'app_home_opened', user: 'U0BEN', channel: 'D0BEN', tab: 'home' },
      });
      await fake.waitFor(() => fake.callsTo('views.publish').length === 1);
      expect(fake.callsTo('views.publish')[0]?.token).toBe('xoxb-team-b');
      // Team B's users.info calls (at install and for Home) all use team B's own token.
      const teamB = fake.callsTo('users.info').filter((c) => c.params.user === 'U0BEN');
      expect(teamB.length).toBeGreaterThan(0);
      expect(teamB.every((c) => c.token === 'xoxb-team-b')).toBe(true);

      await app.slack.event({ teamId: 'T0BBBB', event: { type: 'app_uninstalled' } });
      const until = Date.now() + 5000;
      let remaining: string[] = [];
      while (Date.now() < until) {
        remaining = (await db.query<{ team_id: string }>('SELECT team_id FROM installations')).rows.map(
          (r) => r.team_id,
        );
        if (remaining.length === 1) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(remaining).toEqual(['T0AAAA']);
    } finally {
      await db.end();
    }
    expect(fake.violations).toEqual([]);
  });

  it('tokens_revoked for the bot removes the installation; a user token revocation does not', async () => {
    fake.setOAuthInstall('code-d', { teamId: 'T0DDDD', botToken: 'xoxb-team-d', installerUserId: 'U0DAN' });
    expect((await install(app, 'code-d')).status).toBeLessThan(400);
    const db = new pg.Client({ connectionString: app.database.url });
    await db.connect();
    const count = async () =>
      (await db.query("SELECT 1 FROM installations WHERE team_id = 'T0DDDD'")).rowCount;
    try {
      await app.slack.event({
        teamId: 'T0DDDD',
        event: { type: 'tokens_revoked', tokens: { oauth: ['U0DAN'] } },
      });
      // The revocation went through the whole listener chain before checking it removed nothing.
      await waitForListenerRuns(app.running.deps.metrics, 'event', 'tokens_revoked', 1);
      expect(await count()).toBe(1);
      await app.slack.event({
        teamId: 'T0DDDD',
        event: { type: 'tokens_revoked', tokens: { bot: ['UT0DDDDBOT'] } },
      });
      const until = Date.now() + 5000;
      while ((await count()) !== 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      expect(await count()).toBe(0);
    } finally {
      await db.end();
    }
  });

  it('refuses an OAuth redirect without the state cookie', async () => {
    fake.setOAuthInstall('code-c', { teamId: 'T0CCCC', botToken: 'xoxb-team-c' });
    const res = await fetch(`${app.baseUrl}/slack/oauth_redirect?code=code-c&state=forged`, {
      redirect: 'manual',
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(fake.callsTo('oauth.v2.access').filter((c) => c.params.code === 'code-c')).toEqual([]);
  });
});
