import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import { seedWorkspace, startTestApp, TEAM, type TestApp } from '../support/app-harness.ts';
import {
  askIdOf,
  clickInDm,
  commandReply,
  deliverAgain,
  deliverNow,
  dms,
  messageText,
  modalOpened,
  outboxRow,
  waitForDm,
} from '../support/feedback-e2e.ts';
import { query, submitModal } from '../support/plans-e2e.ts';

// Wednesday 16 September 2026, 14:00 UTC. The request is due Wednesday 23rd: it closes at 17:00
// in Alice's New York (21:00 UTC). Halfway is Sunday 20th, not a work day, so each reminder waits
// for Monday 21st 09:30 in its recipient's zone.
const NOW = new Date('2026-09-16T14:00:00Z');
const ALICE = 'U0ALICE';
const BOB = 'U0BOB'; // London
const CAROL = 'U0CAROL'; // Berlin
const DAN = 'U0DAN'; // Tokyo
const QUESTION = 'Was my incident write-up clear enough for on-call?';

describe('follow-up: one gentle reminder, the summary at the close, late answers refused', () => {
  let fake: FakeSlack;
  let app: TestApp;
  const clock = fixedClock(NOW);
  let requestId = '';

  beforeAll(async () => {
    fake = await startFakeSlack();
    seedWorkspace(fake);
    fake.addUser({ teamId: TEAM, userId: CAROL, name: 'carol', tz: 'Europe/Berlin' });
    fake.addUser({ teamId: TEAM, userId: DAN, name: 'dan', tz: 'Asia/Tokyo' });
    app = await startTestApp({ fake, clock });
    const reply = await commandReply(
      fake,
      await app.slack.slashCommand({
        teamId: TEAM,
        userId: ALICE,
        text: `feedback <@${BOB}|bob> <@${CAROL}|carol> <@${DAN}|dan> ${QUESTION}`,
      }),
    );
    expect(reply).toContain('Asked');
    const [row] = await query<{ id: string }>(app, 'select id from feedback_requests');
    requestId = row?.id ?? '';
  });
  afterAll(async () => {
    await app?.cleanup();
    await fake?.close();
  });

  it('asks each person at their own local time', async () => {
    // Bob and Carol are in working hours now; in Tokyo it is 23:00, so Dan's ask waits for 09:30 there.
    await waitForDm(fake, TEAM, BOB, QUESTION);
    await waitForDm(fake, TEAM, CAROL, QUESTION);
    const dan = await outboxRow(app, TEAM, `feedback:ask:${requestId}:${DAN}`);
    expect(dan?.status).toBe('planned');
    expect(dan?.due_at.toISOString()).toBe('2026-09-17T00:30:00.000Z');
    clock.set(new Date('2026-09-17T00:31:00Z'));
    expect(await deliverNow(app, TEAM, `feedback:ask:${requestId}:${DAN}`)).toBe('sent');
    await waitForDm(fake, TEAM, DAN, QUESTION);
  });

  it('sends the reminder once, at each person’s Monday morning, even when its job runs twice', async () => {
    // Bob answers before the reminders are due: his reminder will be skipped.
    const toBob = await waitForDm(fake, TEAM, BOB, QUESTION);
    const since = fake.calls.length;
    await clickInDm(app, TEAM, BOB, toBob, 'feedback_answer', askIdOf(toBob));
    await submitModal(app, TEAM, BOB, await modalOpened(fake, 'feedback_answer_form', since), {
      answer: 'Clear timeline; add the dashboards you looked at.',
    });

    const reminders = {
      [BOB]: await outboxRow(app, TEAM, `feedback:reminder:${requestId}:${BOB}`),
      [CAROL]: await outboxRow(app, TEAM, `feedback:reminder:${requestId}:${CAROL}`),
      [DAN]: await outboxRow(app, TEAM, `feedback:reminder:${requestId}:${DAN}`),
    };
    expect(reminders[BOB]?.due_at.toISOString()).toBe('2026-09-21T08:30:00.000Z'); // 09:30 in London
    expect(reminders[CAROL]?.due_at.toISOString()).toBe('2026-09-21T07:30:00.000Z'); // 09:30 in Berlin
    expect(reminders[DAN]?.due_at.toISOString()).toBe('2026-09-21T00:30:00.000Z'); // 09:30 in Tokyo

    clock.set(new Date('2026-09-21T09:00:00Z'));
    expect(await deliverNow(app, TEAM, `feedback:reminder:${requestId}:${BOB}`)).toBe('skipped');
    expect(await deliverNow(app, TEAM, `feedback:reminder:${requestId}:${CAROL}`)).toBe('sent');
    expect(await deliverNow(app, TEAM, `feedback:reminder:${requestId}:${DAN}`)).toBe('sent');
    // The same delivery job once more (a retry, a second worker): nothing more is sent.
    await deliverAgain(app, TEAM, `feedback:reminder:${requestId}:${CAROL}`);
    await deliverAgain(app, TEAM, `feedback:reminder:${requestId}:${CAROL}`);
    const remindersTo = (user: string) =>
      dms(fake, TEAM, user).filter((m) => messageText(m).includes('gentle reminder')).length;
    expect(remindersTo(CAROL)).toBe(1);
    expect(remindersTo(DAN)).toBe(1);
    expect(remindersTo(BOB)).toBe(0);
    expect((await outboxRow(app, TEAM, `feedback:reminder:${requestId}:${BOB}`))?.skip_reason).toBe(
      'responded',
    );
    // Building the request's DMs again stores nothing new: the keys are taken.
    const before = await query(app, "select id from outbox where kind like 'feedback.%'");
    await app.running.deps.outbox.enqueue([
      {
        teamId: TEAM,
        key: `feedback:reminder:${requestId}:${CAROL}`,
        kind: 'feedback.reminder',
        target: { type: 'dm', userId: CAROL },
        dueAt: clock.now(),
        payload: { requestId, askId: '1' },
      },
    ]);
    expect(await query(app, "select id from outbox where kind like 'feedback.%'")).toEqual(before);
  });

  it('at the due date the requester gets a summary; a late answer is politely refused', async () => {
    // Carol declines after her reminder; Dan opens the answer form but is too slow.
    const toCarol = await waitForDm(fake, TEAM, CAROL, QUESTION);
    let since = fake.calls.length;
    await clickInDm(app, TEAM, CAROL, toCarol, 'feedback_decline', askIdOf(toCarol));
    await submitModal(app, TEAM, CAROL, await modalOpened(fake, 'feedback_decline_form', since), {
      reason: 'Not on call that week',
    });
    const toDan = await waitForDm(fake, TEAM, DAN, QUESTION);
    since = fake.calls.length;
    await clickInDm(app, TEAM, DAN, toDan, 'feedback_answer', askIdOf(toDan));
    const danForm = await modalOpened(fake, 'feedback_answer_form', since);

    const summaryKey = `feedback:summary:${requestId}`;
    expect((await outboxRow(app, TEAM, summaryKey))?.due_at.toISOString()).toBe('2026-09-23T21:00:00.000Z');
    clock.set(new Date('2026-09-23T21:00:00Z'));
    expect(await deliverNow(app, TEAM, summaryKey)).toBe('sent');
    const summary = messageText(await waitForDm(fake, TEAM, ALICE, 'Your feedback request is closed'));
    expect(summary).toContain('*1* answered · *1* declined · *1* no answer (of 3 asked)');
    expect(summary).toContain(`Answered: <@${BOB}>`);
    expect(summary).toContain(`No answer: <@${DAN}>`);
    expect(summary).toContain(`Declined by <@${CAROL}> — Not on call that week`);

    const late = await submitModal(app, TEAM, DAN, danForm, { answer: 'Sorry, here it is.' });
    expect(late.json()).toMatchObject({
      response_action: 'errors',
      errors: { answer: expect.stringContaining('closed on 2026-09-23') },
    });
    const posts = fake.responseUrlPosts().length;
    await clickInDm(app, TEAM, DAN, toDan, 'feedback_answer', askIdOf(toDan));
    await fake.waitFor(() => fake.responseUrlPosts().length > posts);
    expect(JSON.stringify(fake.responseUrlPosts().slice(posts))).toContain('Thank you for wanting to help');
    const [dan] = await query<{ status: string; answer: string | null }>(
      app,
      'select status, answer from feedback_asks where user_id = $1',
      [DAN],
    );
    expect(dan).toEqual({ status: 'waiting', answer: null });
    expect(fake.violations).toEqual([]);
  });
});
