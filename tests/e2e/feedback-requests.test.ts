import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import { seedWorkspace, startTestApp, TEAM, type TestApp } from '../support/app-harness.ts';
import {
  askIdOf,
  clickInDm,
  commandReply,
  feedbackSnapshot,
  modalOpened,
  waitForDm,
} from '../support/feedback-e2e.ts';
import { homeText, query, submitModal } from '../support/plans-e2e.ts';

// Wednesday 16 September 2026, 14:00 UTC: 10:00 in New York, 15:00 in London, 16:00 in Berlin —
// working hours for everyone, so asks go out at once.
const NOW = new Date('2026-09-16T14:00:00Z');
const ALICE = 'U0ALICE'; // New York, admin
const BOB = 'U0BOB'; // London
const CAROL = 'U0CAROL'; // Berlin
const QUESTION = 'How clear was the rollout plan in my design doc?';

describe('feedback requests over HTTP', () => {
  let fake: FakeSlack;
  let app: TestApp;
  const slash = (userId: string, text: string) => app.slack.slashCommand({ teamId: TEAM, userId, text });

  beforeAll(async () => {
    fake = await startFakeSlack();
    seedWorkspace(fake);
    fake.addUser({ teamId: TEAM, userId: CAROL, name: 'carol', tz: 'Europe/Berlin' });
    fake.addUser({ teamId: TEAM, userId: 'U0ROBOT', name: 'robot', isBot: true });
    fake.addUser({ teamId: TEAM, userId: 'U0GONE', name: 'gone', deleted: true });
    // A Slack Connect guest: visible here, but Slack says they belong to another organisation.
    fake.addUser({ teamId: TEAM, userId: 'U0GUEST', name: 'guest', homeTeamId: 'T0PARTNER' });
    // Someone of another workspace entirely: this workspace's token cannot see them.
    fake.addWorkspace({ teamId: 'T0ELSE', botToken: 'xoxb-else' });
    fake.addUser({ teamId: 'T0ELSE', userId: 'U0STRANGER', name: 'stranger' });
    for (let i = 0; i < 11; i++) fake.addUser({ teamId: TEAM, userId: `U0MANY${i}`, name: `many${i}` });
    app = await startTestApp({ fake, clock: fixedClock(NOW) });
  });
  afterAll(async () => {
    await app?.cleanup();
    await fake?.close();
  });

  it('a command with two mentions → two DMs with buttons → answer in a modal → a DM to the requester', async () => {
    const res = await slash(ALICE, `feedback <@${BOB}|bob> <@${CAROL}|carol> ${QUESTION}`);
    expect(res.status).toBe(200);
    const reply = await commandReply(fake, res);
    expect(reply).toContain('Asked');
    expect(reply).toContain(QUESTION);

    const toBob = await waitForDm(fake, TEAM, BOB, QUESTION);
    const toCarol = await waitForDm(fake, TEAM, CAROL, QUESTION);
    for (const dm of [toBob, toCarol]) {
      const blocks = JSON.stringify(dm.blocks);
      expect(blocks).toContain('"action_id":"feedback_answer"');
      expect(blocks).toContain('"action_id":"feedback_decline"');
      expect(blocks).toContain(`<@${ALICE}>`);
    }
    const [request] = await query<{ id: string; user_id: string; anonymous: boolean; due_date: string }>(
      app,
      'select id, user_id, anonymous, due_date from feedback_requests',
    );
    expect(request).toMatchObject({ user_id: ALICE, anonymous: false, due_date: '2026-09-23' });

    const bobAsk = askIdOf(toBob);
    const before = fake.calls.length;
    await clickInDm(app, TEAM, BOB, toBob, 'feedback_answer', bobAsk);
    const form = await modalOpened(fake, 'feedback_answer_form', before);
    expect(JSON.stringify(form)).toContain(QUESTION);
    // An empty answer is refused beside its field and stores nothing.
    const empty = await submitModal(app, TEAM, BOB, form, { answer: '   ' });
    expect(empty.json()).toMatchObject({ response_action: 'errors', errors: { answer: expect.any(String) } });
    expect((await query(app, "select id from feedback_asks where status = 'answered'")).length).toBe(0);

    const answer = 'The rollout steps were clear; the rollback section needs numbers.';
    const sent = await submitModal(app, TEAM, BOB, form, { answer });
    expect(sent.status).toBe(200);
    expect(sent.body).toBe('');
    const toAlice = await waitForDm(fake, TEAM, ALICE, answer);
    expect(JSON.stringify(toAlice.blocks)).toContain(`<@${BOB}>`);
    expect(JSON.stringify(toAlice.blocks)).toContain('answered your question');

    const activity = await query<{ user_id: string; kind: string }>(
      app,
      "select user_id, kind from activity_events where kind like 'feedback.%' order by kind, user_id",
    );
    expect(activity).toEqual([
      { user_id: ALICE, kind: 'feedback.asked' },
      { user_id: BOB, kind: 'feedback.given' },
      { user_id: ALICE, kind: 'feedback.received' },
    ]);
    await fake.waitFor(() => homeText(fake, TEAM, ALICE).includes('the rollback section needs numbers'));
    expect(homeText(fake, TEAM, ALICE)).toContain(`<@${BOB}>`);

    // Answering twice is refused.
    const again = fake.responseUrlPosts().length;
    await clickInDm(app, TEAM, BOB, toBob, 'feedback_answer', bobAsk);
    await fake.waitFor(() => fake.responseUrlPosts().length > again);
    expect(JSON.stringify(fake.responseUrlPosts().slice(again))).toContain('already answered');
    // Carol cannot answer Bob's ask.
    const notYours = fake.responseUrlPosts().length;
    await clickInDm(app, TEAM, CAROL, toCarol, 'feedback_answer', bobAsk);
    await fake.waitFor(() => fake.responseUrlPosts().length > notYours);
    expect(JSON.stringify(fake.responseUrlPosts().slice(notYours))).toContain('not one of yours');
    expect(fake.violations).toEqual([]);
  });

  it('decline takes an optional reason; the ask leaves the decliner’s App Home', async () => {
    const toCarol = await waitForDm(fake, TEAM, CAROL, QUESTION);
    await app.slack.event({ teamId: TEAM, event: { type: 'app_home_opened', user: CAROL, tab: 'home' } });
    await fake.waitFor(() => homeText(fake, TEAM, CAROL).includes('Waiting for your answer'));
    const before = fake.calls.length;
    await clickInDm(app, TEAM, CAROL, toCarol, 'feedback_decline', askIdOf(toCarol));
    const form = await modalOpened(fake, 'feedback_decline_form', before);
    const res = await submitModal(app, TEAM, CAROL, form, { reason: 'I was on leave that week.' });
    expect(res.body).toBe('');
    const [ask] = await query<{ status: string; decline_reason: string }>(
      app,
      'select status, decline_reason from feedback_asks where user_id = $1',
      [CAROL],
    );
    expect(ask).toEqual({ status: 'declined', decline_reason: 'I was on leave that week.' });
    await fake.waitFor(() => !homeText(fake, TEAM, CAROL).includes('Waiting for your answer'));
    // Alice's open request shows where it stands.
    await app.slack.event({ teamId: TEAM, event: { type: 'app_home_opened', user: ALICE, tab: 'home' } });
    await fake.waitFor(() => homeText(fake, TEAM, ALICE).includes('1 of 2 answered, 1 declined'));
  });

  const refusals: Array<[string, string, string]> = [
    ['no people', `feedback ${QUESTION}`, 'needs the people to ask'],
    ['an empty question', `feedback <@${BOB}|bob>`, 'Write the question you want answered'],
    ['a vague question', `feedback <@${BOB}|bob> feedback please`, 'Make the question specific'],
    ['yourself', `feedback <@${ALICE}|alice> ${QUESTION}`, 'cannot ask yourself'],
    ['a bot', `feedback <@U0ROBOT|robot> ${QUESTION}`, 'is a bot'],
    ['a deactivated person', `feedback <@U0GONE|gone> ${QUESTION}`, 'has left the workspace'],
    ['a Slack Connect guest', `feedback <@U0GUEST|guest> ${QUESTION}`, 'is not in this workspace'],
    [
      'someone of another workspace',
      `feedback <@U0STRANGER|stranger> ${QUESTION}`,
      'is not in this workspace',
    ],
    ['the same person twice', `feedback <@${BOB}|bob> <@${CAROL}> <@${BOB}|bob> ${QUESTION}`, 'twice'],
    [
      'eleven people',
      `feedback ${Array.from({ length: 11 }, (_, i) => `<@U0MANY${i}>`).join(' ')} ${QUESTION}`,
      'up to 10 people',
    ],
    ['a user group', `feedback <!subteam^S0ENG|@eng> ${QUESTION}`, 'Name people one by one'],
    ['an unlinked @name', `feedback @bob ${QUESTION}`, 'not a person Slack recognised'],
  ];

  it.each(refusals)('refuses %s with its own message and stores nothing', async (_what, text, message) => {
    const before = await feedbackSnapshot(app);
    const reply = await commandReply(fake, await slash(ALICE, text));
    expect(reply).toContain(message);
    expect(await feedbackSnapshot(app)).toEqual(before);
  });

  it('the form: anonymous to one person and a past due date are refused beside their fields', async () => {
    const before = fake.calls.length;
    await slash(ALICE, 'feedback');
    const form = await modalOpened(fake, 'feedback_request', before);
    const snapshot = await feedbackSnapshot(app);
    const submit = (typed: Record<string, unknown>) =>
      app.slack.viewSubmission({
        teamId: TEAM,
        userId: ALICE,
        view: {
          callback_id: 'feedback_request',
          private_metadata: String(form.private_metadata ?? ''),
          blocks: form.blocks,
          state: {
            values: {
              people: { people: { type: 'multi_users_select', selected_users: typed.people } },
              question: { question: { type: 'plain_text_input', value: QUESTION } },
              skill: { skill: { type: 'plain_text_input', value: null } },
              anonymous: {
                anonymous: {
                  type: 'checkboxes',
                  selected_options: typed.anonymous
                    ? [{ value: 'anonymous', text: { type: 'plain_text', text: 'a' } }]
                    : [],
                },
              },
              due: { due: { type: 'datepicker', selected_date: typed.due } },
            },
          },
        },
      });
    const lonely = await submit({ people: [BOB], anonymous: true, due: '2026-09-30' });
    expect(lonely.json()).toMatchObject({
      response_action: 'errors',
      errors: { people: expect.stringContaining('at least two people') },
    });
    const late = await submit({ people: [BOB, CAROL], anonymous: false, due: '2026-09-01' });
    expect(late.json()).toMatchObject({
      response_action: 'errors',
      errors: { due: expect.stringContaining('after today') },
    });
    const bot = await submit({ people: [BOB, 'U0ROBOT'], anonymous: false, due: '2026-09-30' });
    expect(bot.json()).toMatchObject({
      response_action: 'errors',
      errors: { people: expect.stringContaining('bot') },
    });
    expect(await feedbackSnapshot(app)).toEqual(snapshot);

    const ok = await submit({ people: [BOB, CAROL], anonymous: true, due: '2026-09-30' });
    expect(ok.body).toBe('');
    const rows = await query<{ anonymous: boolean; due_date: string }>(
      app,
      'select anonymous, due_date from feedback_requests order by id desc limit 1',
    );
    expect(rows).toEqual([{ anonymous: true, due_date: '2026-09-30' }]);
    expect(fake.violations).toEqual([]);
  });

  it('delete-my-data erases requests made, asks and answers given, and manager links', async () => {
    expect(await commandReply(fake, await slash(BOB, `manager <@${ALICE}|alice>`))).toContain(
      'Your manager is',
    );
    expect(await commandReply(fake, await slash(CAROL, `manager <@${BOB}|bob>`))).toContain(
      'Your manager is',
    );
    const count = async (sql: string, user: string) => (await query(app, sql, [user])).length;
    expect(await count("select id from feedback_asks where user_id = $1 and status = 'answered'", BOB)).toBe(
      1,
    );

    const erasedBob = await app.running.features.erase({ teamId: TEAM, userId: BOB });
    expect(erasedBob).toMatchObject({ 'feedback.answersGiven': 2, 'feedback.managerLinks': 2 });
    expect(await count('select id from feedback_asks where user_id = $1', BOB)).toBe(0);
    expect(await query(app, 'select user_id from feedback_managers')).toEqual([]);
    // Alice's requests stay, without Bob's answer.
    expect(await count('select id from feedback_requests where user_id = $1', ALICE)).toBe(2);

    const erasedAlice = await app.running.features.erase({ teamId: TEAM, userId: ALICE });
    expect(erasedAlice).toMatchObject({ 'feedback.requests': 2 });
    expect(await query(app, 'select id from feedback_requests')).toEqual([]);
    expect(await query(app, 'select id from feedback_asks')).toEqual([]);
  });
});
