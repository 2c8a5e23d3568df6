import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import { seedWorkspace, startTestApp, TEAM, type TestApp } from '../support/app-harness.ts';
import {
  askIdOf,
  clickInDm,
  deliverNow,
  dms,
  modalOpened,
  outboxRow,
  waitForDm,
} from '../support/feedback-e2e.ts';
import { query, submitModal } from '../support/plans-e2e.ts';

// Tuesday 15 September 2026. The design review session S42 ended at 19:00 UTC; the clock says 20:00.
const ENDED = new Date('2026-09-15T19:00:00Z');
const NOW = new Date('2026-09-15T20:00:00Z');
const ALICE = 'U0ALICE'; // the presenter, New York
const BOB = 'U0BOB'; // London: 20:00 when it ended → Wednesday 09:30 BST
const CAROL = 'U0CAROL'; // Berlin: 21:00 → Wednesday 09:30 CEST
const KENJI = 'U0KENJI'; // Tokyo: 04:00 on Wednesday → that same morning, 09:30 JST
const NOZONE = 'U0NOZONE'; // never seen by careerplan: the team's zone (UTC) → Wednesday 09:30 UTC
const SESSION = 'S42';

describe('after a design review, attendees are asked for feedback for the presenter', () => {
  let fake: FakeSlack;
  let app: TestApp;
  const clock = fixedClock(NOW);
  const runJob = () => {
    const job = app.running.features.jobs.get('feedback.review-asks');
    if (!job) throw new Error('feedback.review-asks is not registered');
    return job.run({});
  };

  beforeAll(async () => {
    fake = await startFakeSlack();
    seedWorkspace(fake);
    fake.addUser({ teamId: TEAM, userId: CAROL, name: 'carol', tz: 'Europe/Berlin' });
    fake.addUser({ teamId: TEAM, userId: KENJI, name: 'kenji', tz: 'Asia/Tokyo' });
    fake.addUser({ teamId: TEAM, userId: NOZONE, name: 'nozone' });
    app = await startTestApp({ fake, clock });
    const { deps } = app.running;
    await deps.workspaces.upsertWorkspace(TEAM);
    const profile = (tz: string) => ({
      displayName: '',
      realName: '',
      tz,
      isAdmin: false,
      isOwner: false,
      isBot: false,
      isDeleted: false,
    });
    await deps.workspaces.saveMemberProfile(TEAM, ALICE, profile('America/New_York'));
    await deps.workspaces.saveMemberProfile(TEAM, BOB, profile('Europe/London'));
    await deps.workspaces.saveMemberProfile(TEAM, CAROL, profile('Europe/Berlin'));
    await deps.workspaces.saveMemberProfile(TEAM, KENJI, profile('Asia/Tokyo'));
  });
  afterAll(async () => {
    await app?.cleanup();
    await fake?.close();
  });

  it('a completed session → one ask per attendee but the presenter, due the next work morning locally', async () => {
    // What the design review records when a session completes (it may land before or after this feature).
    const event = (userId: string, kind: 'review.presented' | 'review.attended', sourceKey: string) => ({
      teamId: TEAM,
      userId,
      kind,
      sourceKey,
      occurredAt: ENDED,
    });
    await app.running.deps.activity.record([
      event(ALICE, 'review.presented', `review:${SESSION}:presented`),
      ...[ALICE, BOB, CAROL, KENJI, NOZONE].map((u) =>
        event(u, 'review.attended', `review:${SESSION}:attended:${u}`),
      ),
      // A session with attendees but no presenter yet is left for a later run.
      event(BOB, 'review.attended', 'review:S43:attended:U0BOB'),
    ]);

    await runJob();
    await runJob(); // twice, as a retried or overlapping run would: nothing doubles

    const rows = await query<{ user_id: string; idempotency_key: string; due_at: Date }>(
      app,
      "select user_id, idempotency_key, due_at from outbox where kind = 'feedback.ask' order by user_id",
    );
    expect(rows.map((r) => [r.user_id, r.idempotency_key, r.due_at.toISOString()])).toEqual([
      [BOB, `feedback:review:${SESSION}:${BOB}`, '2026-09-16T08:30:00.000Z'],
      [CAROL, `feedback:review:${SESSION}:${CAROL}`, '2026-09-16T07:30:00.000Z'],
      [KENJI, `feedback:review:${SESSION}:${KENJI}`, '2026-09-16T00:30:00.000Z'],
      [NOZONE, `feedback:review:${SESSION}:${NOZONE}`, '2026-09-16T09:30:00.000Z'],
    ]);
    const requests = await query<{ user_id: string; origin: string; source_key: string }>(
      app,
      'select user_id, origin, source_key from feedback_requests',
    );
    expect(requests).toEqual([{ user_id: ALICE, origin: 'review', source_key: `review:${SESSION}` }]);
    expect(await query(app, 'select id from feedback_asks where user_id = $1', [ALICE])).toEqual([]);
  });

  it('the asks arrive that morning; an answer (what worked, what to improve) reaches the presenter', async () => {
    clock.set(new Date('2026-09-16T00:31:00Z'));
    expect(await deliverNow(app, TEAM, `feedback:review:${SESSION}:${KENJI}`)).toBe('sent');
    await waitForDm(fake, TEAM, KENJI, 'presented at the design review');
    // Bob's morning has not come yet: his ask has not been sent.
    expect((await outboxRow(app, TEAM, `feedback:review:${SESSION}:${BOB}`))?.status).toBe('planned');
    expect(dms(fake, TEAM, BOB)).toEqual([]);

    clock.set(new Date('2026-09-16T08:31:00Z'));
    expect(await deliverNow(app, TEAM, `feedback:review:${SESSION}:${BOB}`)).toBe('sent');
    const toBob = await waitForDm(fake, TEAM, BOB, `<@${ALICE}> presented at the design review`);
    const since = fake.calls.length;
    await clickInDm(app, TEAM, BOB, toBob, 'feedback_answer', askIdOf(toBob));
    const form = await modalOpened(fake, 'feedback_answer_form', since);
    const missing = await submitModal(app, TEAM, BOB, form, { answer: 'The diagrams.', improve: '' });
    expect(missing.json()).toMatchObject({
      response_action: 'errors',
      errors: { improve: expect.any(String) },
    });
    await submitModal(app, TEAM, BOB, form, {
      answer: 'The sequence diagrams made the failure modes obvious.',
      improve: 'Start with the decision you need from us.',
    });
    // 04:31 in New York: Alice hears of it at 09:30 her time.
    const answerKey = `feedback:answer:${askIdOf(toBob)}`;
    expect((await outboxRow(app, TEAM, answerKey))?.due_at.toISOString()).toBe('2026-09-16T13:30:00.000Z');
    clock.set(new Date('2026-09-16T13:30:00Z'));
    expect(await deliverNow(app, TEAM, answerKey)).toBe('sent');
    const toAlice = await waitForDm(fake, TEAM, ALICE, 'Start with the decision you need from us.');
    expect(JSON.stringify(toAlice.blocks)).toContain('sent feedback on your design review');
    expect(JSON.stringify(toAlice.blocks)).toContain('What worked');

    // A run after the answers changes nothing: the request and each ask exist once.
    await runJob();
    expect((await query(app, "select id from outbox where kind = 'feedback.ask'")).length).toBe(4);
    expect(fake.violations).toEqual([]);
  });
});
