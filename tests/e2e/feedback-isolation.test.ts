import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import { startTestApp, type TestApp } from '../support/app-harness.ts';
import {
  askIdOf,
  clickInDm,
  commandReply,
  dms,
  feedbackSnapshot,
  messageText,
  waitForDm,
} from '../support/feedback-e2e.ts';
import { homeText, query } from '../support/plans-e2e.ts';

// Wednesday 16 September 2026, 14:00 UTC: working hours for everyone below.
const NOW = new Date('2026-09-16T14:00:00Z');
const A = 'T0AAAA';
const B = 'T0BBBB';
const ANNA = 'U0ANNA'; // asks in A
const BOB = 'U0BOB'; // asked in A
const BEN = 'U0BEN'; // asks in B
// The same user id in both workspaces: team scoping, not user ids alone, must keep them apart.
const SAME = 'U0SAME';
const QUESTION_A = 'Did the ledger migration plan cover the rollback well enough?';
const QUESTION_B = 'Was my onboarding guide for the mobile team easy to follow?';

async function install(app: TestApp, code: string): Promise<void> {
  const start = await fetch(`${app.baseUrl}/slack/install`, { redirect: 'manual' });
  const state = new URL(start.headers.get('location') ?? '').searchParams.get('state') ?? '';
  const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const done = await fetch(
    `${app.baseUrl}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`,
    {
      headers: { cookie },
      redirect: 'manual',
    },
  );
  expect(done.status).toBeLessThan(400);
}

describe('two workspaces never see each other’s feedback requests', () => {
  let fake: FakeSlack;
  let app: TestApp;

  beforeAll(async () => {
    fake = await startFakeSlack();
    app = await startTestApp({
      fake,
      clock: fixedClock(NOW),
      env: {
        SLACK_BOT_TOKEN: '',
        SLACK_CLIENT_ID: '111.222',
        SLACK_CLIENT_SECRET: 'client-secret',
        SLACK_STATE_SECRET: 'state-secret-for-tests',
        TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      },
    });
    fake.setOAuthInstall('code-a', { teamId: A, botToken: 'xoxb-team-a', installerUserId: ANNA });
    fake.setOAuthInstall('code-b', { teamId: B, botToken: 'xoxb-team-b', installerUserId: BEN });
    fake.addUser({ teamId: A, userId: ANNA, name: 'anna', tz: 'Europe/Berlin' });
    fake.addUser({ teamId: A, userId: BOB, name: 'bob', tz: 'Europe/London' });
    fake.addUser({ teamId: A, userId: SAME, name: 'same-in-a', tz: 'Europe/London' });
    fake.addUser({ teamId: B, userId: BEN, name: 'ben', tz: 'Europe/Madrid' });
    fake.addUser({ teamId: B, userId: SAME, name: 'same-in-b', tz: 'Europe/Paris' });
    await install(app, 'code-a');
    await install(app, 'code-b');

    const ask = async (team: string, user: string, text: string) =>
      commandReply(fake, await app.slack.slashCommand({ teamId: team, userId: user, text }));
    expect(await ask(A, ANNA, `feedback <@${SAME}|same> <@${BOB}|bob> ${QUESTION_A}`)).toContain('Asked');
    expect(await ask(B, BEN, `feedback <@${SAME}|same> ${QUESTION_B}`)).toContain('Asked');
    await waitForDm(fake, A, SAME, QUESTION_A);
    await waitForDm(fake, B, SAME, QUESTION_B);
  });
  afterAll(async () => {
    await app?.cleanup();
    await fake?.close();
  });

  it('each workspace’s DMs, through its own token, carry only its own request', async () => {
    expect(dms(fake, A, SAME).map(messageText).join()).not.toContain(QUESTION_B);
    expect(dms(fake, B, SAME).map(messageText).join()).not.toContain(QUESTION_A);
    const posts = fake.callsTo('chat.postMessage');
    for (const call of posts) {
      const text = JSON.stringify(call.params);
      if (text.includes(QUESTION_A)) expect(call.teamId).toBe(A);
      if (text.includes(QUESTION_B)) expect(call.teamId).toBe(B);
    }
    expect(await query(app, 'select team_id, user_id from feedback_requests order by team_id')).toEqual([
      { team_id: A, user_id: ANNA },
      { team_id: B, user_id: BEN },
    ]);
  });

  it('App Home in one workspace lists only that workspace’s asks', async () => {
    await app.slack.event({ teamId: B, event: { type: 'app_home_opened', user: SAME, tab: 'home' } });
    await fake.waitFor(() => homeText(fake, B, SAME).includes(QUESTION_B));
    expect(homeText(fake, B, SAME)).not.toContain(QUESTION_A);
    await app.slack.event({ teamId: A, event: { type: 'app_home_opened', user: SAME, tab: 'home' } });
    await fake.waitFor(() => homeText(fake, A, SAME).includes(QUESTION_A));
    expect(homeText(fake, A, SAME)).not.toContain(QUESTION_B);
    await app.slack.event({ teamId: B, event: { type: 'app_home_opened', user: BEN, tab: 'home' } });
    await fake.waitFor(() => homeText(fake, B, BEN).includes(QUESTION_B));
    expect(homeText(fake, B, BEN)).not.toContain(QUESTION_A);
  });

  it('an ask of workspace A cannot be answered or declined from workspace B', async () => {
    const askInA = askIdOf(await waitForDm(fake, A, SAME, QUESTION_A));
    const dmInB = await waitForDm(fake, B, SAME, QUESTION_B);
    const before = await feedbackSnapshot(app);
    for (const action of ['feedback_answer', 'feedback_decline']) {
      const posts = fake.responseUrlPosts().length;
      await clickInDm(app, B, SAME, dmInB, action, askInA);
      await fake.waitFor(() => fake.responseUrlPosts().length > posts);
      const said = JSON.stringify(fake.responseUrlPosts().slice(posts));
      expect(said).toContain('not one of yours');
      expect(said).not.toContain(QUESTION_A);
    }
    expect(fake.callsTo('views.open').filter((c) => JSON.stringify(c.params).includes(QUESTION_A))).toEqual(
      [],
    );
    expect(await feedbackSnapshot(app)).toEqual(before);
    expect(fake.violations).toEqual([]);
  });
});
