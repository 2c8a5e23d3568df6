import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import { startTestApp, type TestApp } from '../support/app-harness.ts';

const TEAM = 'T0REINST';

/** Slack's OAuth v2 flow: /slack/install, then the redirect with a code. */
async function install(app: TestApp, code: string): Promise<number> {
  const start = await fetch(`${app.baseUrl}/slack/install`, { redirect: 'manual' });
  const state = new URL(start.headers.get('location') ?? '').searchParams.get('state') ?? '';
  const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const done = await fetch(
    `${app.baseUrl}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`,
    { headers: { cookie }, redirect: 'manual' },
  );
  return done.status;
}

describe('re-installing careerplan (OAuth)', () => {
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

  const installer = () => app.running.deps.workspaces.installerOf(TEAM);
  const ritualPause = async (userId: string) => {
    const reply = await app.slack.slashCommand({ teamId: TEAM, userId, text: 'ritual pause contribution' });
    return JSON.stringify(reply.json());
  };

  it('keeps the first installer’s admin rights unless a workspace admin re-installs', async () => {
    fake.setOAuthInstall('code-first', {
      teamId: TEAM,
      botToken: 'xoxb-reinst-1',
      installerUserId: 'U0FIRST',
    });
    expect(await install(app, 'code-first')).toBeLessThan(400);
    expect(await installer()).toBe('U0FIRST');

    // A member allowed to install apps re-installs: they do not become admin.
    fake.setOAuthInstall('code-member', {
      teamId: TEAM,
      botToken: 'xoxb-reinst-2',
      installerUserId: 'U0MEMBER',
    });
    expect(await install(app, 'code-member')).toBeLessThan(400);
    expect(await installer()).toBe('U0FIRST');
    expect(await ritualPause('U0MEMBER')).toContain('Only workspace admins');

    // A workspace admin re-installs: the installer's rights move to them.
    fake.addUser({ teamId: TEAM, userId: 'U0BOSS', name: 'boss', isAdmin: true });
    fake.setOAuthInstall('code-admin', {
      teamId: TEAM,
      botToken: 'xoxb-reinst-3',
      installerUserId: 'U0BOSS',
    });
    expect(await install(app, 'code-admin')).toBeLessThan(400);
    expect(await installer()).toBe('U0BOSS');
    // The new bot token was used to read the installer's profile.
    expect(fake.callsTo('users.info').some((c) => c.token === 'xoxb-reinst-3')).toBe(true);
  });
});
