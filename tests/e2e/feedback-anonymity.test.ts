import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import { createLogger } from '../../src/ops/logger.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import { seedWorkspace, startTestApp, TEAM, type TestApp } from '../support/app-harness.ts';
import { askIdOf, clickInDm, deliverNow, modalOpened, waitForDm } from '../support/feedback-e2e.ts';
import { homeText, query, submitModal } from '../support/plans-e2e.ts';

// Wednesday 16 September 2026, 14:00 UTC: working hours in New York, London and Berlin.
const NOW = new Date('2026-09-16T14:00:00Z');
const ALICE = 'U0ALICE';
// The author of the anonymous answer, with names that appear nowhere else.
const AUTHOR = { userId: 'U0QUILL', name: 'bquill', realName: 'Bartholomew Quill' };
const CAROL = 'U0CAROL';
const QUESTION = 'What should I change in how I run our planning meetings?';
const ANSWER = 'Send the agenda a day ahead and stop at the hour.';

describe('an anonymous answer never reveals its author', () => {
  let fake: FakeSlack;
  let app: TestApp;
  const clock = fixedClock(NOW);
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });

  beforeAll(async () => {
    fake = await startFakeSlack();
    seedWorkspace(fake);
    fake.addUser({
      teamId: TEAM,
      userId: AUTHOR.userId,
      name: AUTHOR.name,
      realName: AUTHOR.realName,
      tz: 'Europe/London',
    });
    fake.addUser({ teamId: TEAM, userId: CAROL, name: 'carol', tz: 'Europe/Berlin' });
    app = await startTestApp({
      fake,
      clock,
      logger: createLogger('debug', {}, stream),
      env: { LOG_LEVEL: 'debug' },
    });
  });
  afterAll(async () => {
    await app?.cleanup();
    await fake?.close();
  });

  it('not in any payload Slack received after the author clicked Answer, not in Home, logs or metrics', async () => {
    // Alice asks two people, anonymously, through the form.
    let since = fake.calls.length;
    await app.slack.slashCommand({ teamId: TEAM, userId: ALICE, text: 'feedback' });
    const form = await modalOpened(fake, 'feedback_request', since);
    const asked = await app.slack.viewSubmission({
      teamId: TEAM,
      userId: ALICE,
      view: {
        callback_id: 'feedback_request',
        blocks: form.blocks,
        state: {
          values: {
            people: { people: { type: 'multi_users_select', selected_users: [AUTHOR.userId, CAROL] } },
            question: { question: { type: 'plain_text_input', value: QUESTION } },
            skill: { skill: { type: 'plain_text_input', value: null } },
            anonymous: {
              anonymous: {
                type: 'checkboxes',
                selected_options: [{ value: 'anonymous', text: { type: 'plain_text', text: 'Anonymous' } }],
              },
            },
            due: { due: { type: 'datepicker', selected_date: '2026-09-23' } },
          },
        },
      },
    });
    expect(asked.body).toBe('');
    const ask = await waitForDm(fake, TEAM, AUTHOR.userId, QUESTION);
    expect(JSON.stringify(ask.blocks)).toContain('Your answer is anonymous');
    await waitForDm(fake, TEAM, CAROL, QUESTION);

    // From the author's click on, everything the app says or logs is searched.
    since = fake.calls.length;
    logs.length = 0;
    await clickInDm(app, TEAM, AUTHOR.userId, ask, 'feedback_answer', askIdOf(ask));
    const answerForm = await modalOpened(fake, 'feedback_answer_form', since);
    expect((await submitModal(app, TEAM, AUTHOR.userId, answerForm, { answer: ANSWER })).body).toBe('');

    const toAlice = await waitForDm(fake, TEAM, ALICE, ANSWER);
    expect(JSON.stringify(toAlice.blocks)).toContain('Someone (anonymous)');
    await fake.waitFor(() => homeText(fake, TEAM, ALICE).includes(ANSWER));
    await app.slack.event({ teamId: TEAM, event: { type: 'app_home_opened', user: ALICE, tab: 'home' } });

    // The close: Alice's summary gives counts, no names.
    clock.set(new Date('2026-09-23T21:00:00Z'));
    expect(await deliverNow(app, TEAM, `feedback:summary:${await requestId()}`)).toBe('sent');
    const summary = await waitForDm(fake, TEAM, ALICE, 'closed');
    expect(JSON.stringify(summary.blocks)).toContain('*1* answered');
    expect(JSON.stringify(summary.blocks)).not.toContain(CAROL);

    const metrics = await (await fetch(`${app.baseUrl}/metrics`)).text();
    const secrets = [AUTHOR.userId, AUTHOR.name, AUTHOR.realName, 'Bartholomew', 'Quill'];
    const payloads = fake.calls
      .slice(since)
      .map((c) => JSON.stringify({ params: c.params, response: c.response }));
    // The search is not vacuous: the payloads hold the answer and the logs hold the Slack calls.
    expect(payloads.join('\n')).toContain(ANSWER);
    expect(logs.join('')).toContain('views.publish');
    for (const secret of secrets) {
      expect(payloads.filter((p) => p.includes(secret))).toEqual([]);
      expect(logs.filter((l) => l.includes(secret))).toEqual([]);
      expect(homeText(fake, TEAM, ALICE)).not.toContain(secret);
      expect(metrics).not.toContain(secret);
    }
    // The author is stored (one answer per person, delete-my-data), just never shown.
    const [row] = await query<{ user_id: string; status: string }>(
      app,
      'select user_id, status from feedback_asks where answer is not null',
    );
    expect(row).toEqual({ user_id: AUTHOR.userId, status: 'answered' });
    // ...and erased with the rest of the author's data.
    const erased = await app.running.features.erase({ teamId: TEAM, userId: AUTHOR.userId });
    expect(erased['feedback.answersGiven']).toBe(1);
    expect(await query(app, 'select id from feedback_asks where user_id = $1', [AUTHOR.userId])).toEqual([]);
  });

  async function requestId(): Promise<string> {
    const [row] = await query<{ id: string }>(app, 'select id from feedback_requests');
    return row?.id ?? '';
  }
});
