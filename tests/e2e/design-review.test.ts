import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesignReviewRepository } from '../../src/domain/design-review/design-review.repository.ts';
import { type FakeSlack, type FakeSlackMessage, startFakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import { startTestApp, TEAM, type TestApp } from '../support/app-harness.ts';
import { lastModal, query, submitModal } from '../support/plans-e2e.ts';
import {
  answerOf,
  eventually,
  promoteJob,
  seedRitualTeam,
  setUpChannelRitual,
  threadOf,
} from '../support/team-rituals.ts';

const CHANNEL = 'C0DESIGN';

/** The value of a button in a message, by action id. */
function buttonValue(message: FakeSlackMessage | undefined, actionId: string): string {
  const blocks = (message?.blocks ?? []) as Array<{
    elements?: Array<{ action_id?: string; value?: string }>;
  }>;
  const found = blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === actionId)?.value;
  if (!found) throw new Error(`no ${actionId} button in ${JSON.stringify(message?.blocks)}`);
  return found;
}

describe('the bi-weekly design review over signed requests', () => {
  let fake: FakeSlack;
  let app: TestApp;
  let session = { ts: '', occurrenceId: '' };
  const slash = async (userId: string, text: string) =>
    answerOf(fake, await app.slack.slashCommand({ teamId: TEAM, userId, text }));
  const click = (userId: string, actionId: string, value: string, where: { channel: string; ts: string }) =>
    app.slack.blockActions({
      teamId: TEAM,
      userId,
      actions: [{ action_id: actionId, value }],
      container: { type: 'message', channel_id: where.channel, message_ts: where.ts },
      channelId: where.channel,
    });
  const dms = (userId: string) => fake.messages(`D${userId}`);
  const sessionPost = () => fake.messages(CHANNEL).find((m) => m.ts === session.ts);

  beforeAll(async () => {
    fake = await startFakeSlack();
    seedRitualTeam(fake, CHANNEL, 'design');
    app = await startTestApp({ fake });
    await setUpChannelRitual(app, 'design-review', CHANNEL);
  });
  afterAll(async () => {
    await app?.cleanup();
    await fake?.close();
  });

  it('members opt in once; `review` shows the next dates with the rotation’s presenters', async () => {
    expect(await slash('U0BOB', 'review')).toContain('You are not in the rotation');
    expect(await slash('U0BOB', 'review join')).toContain('You joined');
    expect(await slash('U0BOB', 'review join')).toContain('already in the design-review rotation');
    expect(await slash('U0CAROL', 'review join')).toContain('You joined');
    expect(await slash('U0DAVE', 'review join')).toContain('You joined');
    expect(await slash('U0ALICE', 'review leave')).toContain('not in the design-review rotation');
    expect(await slash('U0ALICE', 'review shuffle')).toContain('is not a review command');
    const rows = await query<{ user_id: string }>(
      app,
      'SELECT user_id FROM design_review_members ORDER BY joined_at',
    );
    expect(rows.map((r) => r.user_id)).toEqual(['U0BOB', 'U0CAROL', 'U0DAVE']);
    // Dave is out of office for the coming weeks: the rotation passes over him.
    const today = new Date().toISOString().slice(0, 10);
    const later = new Date(Date.now() + 60 * 24 * 3600_000).toISOString().slice(0, 10);
    expect(await slash('U0DAVE', `ooo ${today} ${later}`)).toContain('Out of office');
    const list = await slash('U0BOB', 'review');
    expect(list).toContain('Next design reviews');
    const order = [...list.matchAll(/\*(Bob|Carol|Dave) Example\*/g)].map((m) => m[1]);
    expect(order.slice(0, 4)).toEqual(['Bob', 'Carol', 'Bob', 'Carol']);
    expect(list).toContain('You are in the rotation');
  });

  it('`ritual run design-review` picks the presenter, DMs them and posts the session', async () => {
    expect(await slash('U0ALICE', 'ritual run design-review')).toContain('Running');
    session = await threadOf(app, fake, CHANNEL);
    expect(JSON.stringify(sessionPost()?.blocks)).toContain('Presenter: *Bob Example*');
    expect(JSON.stringify(sessionPost()?.blocks)).toContain("I'm attending");
    await fake.waitFor(() => dms('U0BOB').length === 1, 10_000);
    const dm = JSON.stringify(dms('U0BOB')[0]?.blocks);
    expect(dm).toContain('You present at the design review');
    // The next available person is Carol (Dave is away).
    expect(dm).toContain('Ask Carol Example to swap');
    const sessions = await query<{ user_id: string; status: string }>(
      app,
      'SELECT user_id, status FROM design_review_sessions WHERE occurrence_id = $1',
      [session.occurrenceId],
    );
    expect(sessions).toEqual([{ user_id: 'U0BOB', status: 'assigned' }]);
    expect(fake.violations).toEqual([]);
  });

  it('a swap goes to the next person, who must accept; it is recorded and the post follows', async () => {
    const bobDm = dms('U0BOB')[0];
    const where = { channel: 'DU0BOB', ts: bobDm?.ts ?? '' };
    await click('U0BOB', 'design_review_ask_swap', buttonValue(bobDm, 'design_review_ask_swap'), where);
    await fake.waitFor(() => dms('U0CAROL').length === 1, 10_000);
    const ask = dms('U0CAROL')[0];
    expect(ask?.text).toContain('Bob Example asks you to present');
    // Asking twice while the first request is open changes nothing.
    await click('U0BOB', 'design_review_ask_swap', buttonValue(bobDm, 'design_review_ask_swap'), where);
    await fake.waitFor(() => JSON.stringify(fake.responseUrlPosts()).includes('already asked someone'));
    // Only Carol can answer.
    const swapId = buttonValue(ask, 'design_review_swap_accept');
    await click('U0DAVE', 'design_review_swap_accept', swapId, { channel: 'DU0DAVE', ts: '1.000000' });
    await fake.waitFor(() => JSON.stringify(fake.responseUrlPosts()).includes('not yours to answer'));
    expect(
      (await query<{ user_id: string }>(app, 'SELECT user_id FROM design_review_sessions'))[0]?.user_id,
    ).toBe('U0BOB');

    await click('U0CAROL', 'design_review_swap_accept', swapId, { channel: 'DU0CAROL', ts: ask?.ts ?? '' });
    await fake.waitFor(() => dms('U0BOB').some((m) => m.text?.includes('accepted')), 10_000);
    const presenterDm = () =>
      dms('U0CAROL').find((m) => JSON.stringify(m.blocks).includes('design_review_set_topic'));
    await fake.waitFor(() => presenterDm() !== undefined, 10_000);
    const swaps = await query<{ user_id: string; to_user_id: string; status: string }>(
      app,
      'SELECT user_id, to_user_id, status FROM design_review_swaps',
    );
    expect(swaps).toEqual([{ user_id: 'U0BOB', to_user_id: 'U0CAROL', status: 'accepted' }]);
    expect(
      (await query<{ user_id: string }>(app, 'SELECT user_id FROM design_review_sessions'))[0]?.user_id,
    ).toBe('U0CAROL');
    await fake.waitFor(() => JSON.stringify(sessionPost()?.blocks).includes('Presenter: *Carol Example*'));
    // The answered request cannot be answered again.
    await click('U0CAROL', 'design_review_swap_decline', swapId, { channel: 'DU0CAROL', ts: ask?.ts ?? '' });
    await fake.waitFor(() => JSON.stringify(fake.responseUrlPosts()).includes('already answered'));

    // The new presenter sets the topic from her DM; the post shows it.
    const carolDm = presenterDm();
    await click('U0CAROL', 'design_review_set_topic', buttonValue(carolDm, 'design_review_set_topic'), {
      channel: 'DU0CAROL',
      ts: carolDm?.ts ?? '',
    });
    await fake.waitFor(() =>
      fake.callsTo('views.open').some((c) => JSON.stringify(c.params).includes('design_review_topic')),
    );
    const modal = lastModal(fake, 'design_review_topic');
    const ok = await submitModal(app, TEAM, 'U0CAROL', modal, { topic: 'Outbox <b>sharding</b>' });
    expect(ok.status).toBe(200);
    await fake.waitFor(() =>
      JSON.stringify(sessionPost()?.blocks).includes('Outbox &lt;b&gt;sharding&lt;/b&gt;'),
    );
    expect(fake.violations).toEqual([]);
  });

  it('captures attendance once per member, then stores the completed event for feedback', async () => {
    const post = sessionPost();
    const where = { channel: CHANNEL, ts: post?.ts ?? '' };
    const value = buttonValue(post, 'design_review_attend');
    await click('U0ALICE', 'design_review_attend', value, where);
    await click('U0ALICE', 'design_review_attend', value, where);
    await click('U0BOB', 'design_review_attend', value, where);
    await click('U0CAROL', 'design_review_attend', value, where);
    await fake.waitFor(() =>
      JSON.stringify(fake.responseUrlPosts()).includes('You are presenting this session'),
    );
    await fake.waitFor(() => JSON.stringify(fake.responseUrlPosts()).includes('already on the list'));
    const attendees = await query<{ user_id: string }>(
      app,
      'SELECT user_id FROM design_review_attendees ORDER BY user_id',
    );
    expect(attendees.map((a) => a.user_id)).toEqual(['U0ALICE', 'U0BOB']);

    // The session's hour passes: the completion step's timer fires.
    const step = await query<{ id: string }>(
      app,
      "SELECT id FROM ritual_occurrence_steps WHERE occurrence_id = $1 AND step = 'complete'",
      [session.occurrenceId],
    );
    await query(app, 'UPDATE ritual_occurrence_steps SET due_at = now() WHERE id = $1', [step[0]?.id]);
    await promoteJob(app, `step__${step[0]?.id}`);
    await eventually(
      async () =>
        (await query(app, "SELECT 1 FROM design_review_sessions WHERE status = 'completed'")).length === 1,
      'the session completed',
    );
    // The feedback feature reads the completed event through the repository.
    const reviews = createDesignReviewRepository(app.running.deps.db);
    const waiting = await reviews.completedAwaitingFeedback({ teamId: TEAM });
    expect(waiting).toMatchObject([
      {
        occurrenceId: session.occurrenceId,
        presenterId: 'U0CAROL',
        attendeeIds: ['U0ALICE', 'U0BOB'],
        topic: 'Outbox <b>sharding</b>',
      },
    ]);
    expect(await reviews.completedAwaitingFeedback({ teamId: 'T0OTHER' })).toEqual([]);
    const activity = await query<{ user_id: string; kind: string }>(
      app,
      "SELECT user_id, kind FROM activity_events WHERE kind LIKE 'review.%' ORDER BY user_id",
    );
    expect(activity).toEqual([
      { user_id: 'U0ALICE', kind: 'review.attended' },
      { user_id: 'U0BOB', kind: 'review.attended' },
      { user_id: 'U0CAROL', kind: 'review.presented' },
    ]);
    // After the session nobody can still sign up.
    await click('U0DAVE', 'design_review_attend', value, where);
    await fake.waitFor(() => JSON.stringify(fake.responseUrlPosts()).includes('is over'));
    expect(await reviews.markFeedbackAsked(session.occurrenceId, new Date())).toBe(true);
    expect(await reviews.completedAwaitingFeedback({ teamId: TEAM })).toEqual([]);
    // The rotation moves on: Carol presented, Bob did not, so Bob is first again.
    const list = await slash('U0BOB', 'review');
    expect([...list.matchAll(/\*(Bob|Carol|Dave) Example\*/g)].map((m) => m[1])[0]).toBe('Bob');
    expect(await slash('U0CAROL', 'review leave')).toContain('You left');
    expect(fake.violations).toEqual([]);
  });

  it('erasing a member removes them from the rotation, sessions, attendance and swaps', async () => {
    const erased = await app.running.features.erase({ teamId: TEAM, userId: 'U0BOB' });
    expect(erased).toMatchObject({
      'design-review.rotation': 1,
      'design-review.swaps': 1,
      'design-review.attendance': 2,
    });
    expect(
      await query(app, "SELECT 1 FROM design_review_swaps WHERE 'U0BOB' IN (user_id, to_user_id)"),
    ).toEqual([]);
    expect(
      await query(app, "SELECT 1 FROM design_review_sessions WHERE 'U0BOB' = ANY(attendee_ids)"),
    ).toEqual([]);
    expect(await query(app, "SELECT 1 FROM design_review_attendees WHERE user_id = 'U0BOB'")).toEqual([]);
    // The others' records stay: Carol still presented, Alice still attended.
    const [held] = await query<{ user_id: string; attendee_ids: string[] }>(
      app,
      'SELECT user_id, attendee_ids FROM design_review_sessions',
    );
    expect(held).toEqual({ user_id: 'U0CAROL', attendee_ids: ['U0ALICE'] });
  });
});
