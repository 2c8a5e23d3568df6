import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Weekday } from '../../src/domain/schedules/index.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import { startTestApp, TEAM, type TestApp } from '../support/app-harness.ts';
import { query } from '../support/plans-e2e.ts';
import { waitUntil } from '../support/rituals.ts';
import {
  answerOf,
  eventOf,
  promoteJob,
  seedRitualTeam,
  setUpChannelRitual,
  summariesOf,
  threadOf,
  threadReplies,
} from '../support/team-rituals.ts';

const CHANNEL = 'C0LEARN';

describe('the weekly learning hour over signed requests and events', () => {
  let fake: FakeSlack;
  let app: TestApp;
  let thread = { ts: '', occurrenceId: '' };
  const slash = async (userId: string, text: string) =>
    answerOf(fake, await app.slack.slashCommand({ teamId: TEAM, userId, text }));

  beforeAll(async () => {
    fake = await startFakeSlack();
    seedRitualTeam(fake, CHANNEL, 'learning');
    app = await startTestApp({ fake });
    // Weekly on today's weekday: the next thread is a week away, so this week has a reminder day.
    const weekday = (((new Date().getUTCDay() + 6) % 7) + 1) as Weekday;
    await setUpChannelRitual(app, 'learning-hour', CHANNEL, { cadence: { kind: 'weekly', weekday } });
  });
  afterAll(async () => {
    await app?.cleanup();
    await fake?.close();
  });

  it('`ritual run learning-hour` posts the week’s thread in the channel, once', async () => {
    expect(await slash('U0ALICE', 'ritual run learning-hour')).toContain('Running');
    await fake.waitFor(
      () => fake.messages(CHANNEL).some((m) => m.text?.includes('What did you learn')),
      15_000,
    );
    thread = await threadOf(app, fake, CHANNEL);
    const posts = fake.messages(CHANNEL).filter((m) => m.threadTs === undefined);
    expect(posts).toHaveLength(1);
    expect(JSON.stringify(posts[0]?.blocks)).toContain('Post my summary');
    // Its steps (member reminders, digest) are stored with the occurrence.
    const steps = await query<{ step: string; status: string }>(
      app,
      'SELECT step, status FROM ritual_occurrence_steps WHERE occurrence_id = $1 ORDER BY step',
      [thread.occurrenceId],
    );
    expect(steps).toEqual([
      { step: 'digest', status: 'planned' },
      { step: 'reminders', status: 'planned' },
    ]);
    expect(fake.violations).toEqual([]);
  });

  it('two summary commands and one thread reply store three summaries; a retried event stores once', async () => {
    expect(
      await slash('U0BOB', 'summary Learned how <https://use-the-index-luke.com|indexes> work'),
    ).toContain(`thread of`);
    expect(await slash('U0CAROL', 'summary Tried property-based tests with fast-check')).toContain(
      'thread of',
    );
    const reply = eventOf(CHANNEL, {
      user: 'U0ALICE',
      ts: '1900000000.000100',
      thread_ts: thread.ts,
      text: 'Read about <https://aws.amazon.com/builders-library/timeouts|retries and jitter> &amp; backoff',
    });
    const first = await app.slack.event({ teamId: TEAM, event: reply, eventId: 'EvREPLY1' });
    expect(first.status).toBe(200);
    // Slack redelivers the same event (X-Slack-Retry-Num), and the same message under a new id.
    await app.slack.event({ teamId: TEAM, event: reply, eventId: 'EvREPLY1' }, { retryNum: 1 });
    await app.slack.event({ teamId: TEAM, event: reply, eventId: 'EvREPLY1-again' });
    await fake.waitFor(() => threadReplies(fake, CHANNEL, thread.ts).length >= 2, 10_000);
    const stored = await summariesOf(app, thread.occurrenceId);
    expect(stored.map((s) => [s.user_id, s.source])).toEqual([
      ['U0BOB', 'command'],
      ['U0CAROL', 'command'],
      ['U0ALICE', 'thread'],
    ]);
    expect(stored[0]?.link).toBe('https://use-the-index-luke.com');
    expect(stored[2]).toMatchObject({
      body: 'Read about retries and jitter (https://aws.amazon.com/builders-library/timeouts) & backoff',
      link: 'https://aws.amazon.com/builders-library/timeouts',
    });
    const activity = await query<{ n: number }>(
      app,
      "SELECT count(*)::int AS n FROM activity_events WHERE kind = 'summary.posted'",
    );
    expect(activity[0]?.n).toBe(3);
    // The commands' summaries are echoed in the thread, attributed; the reply is not repeated.
    const echoes = threadReplies(fake, CHANNEL, thread.ts).map((m) => m.text ?? '');
    expect(echoes).toHaveLength(2);
    expect(echoes[0]).toContain('*Bob Example* shared a learning summary');
    expect(echoes[1]).toContain('Carol Example');
  });

  it('ignores bot messages, other threads and top-level messages', async () => {
    await app.slack.event({
      teamId: TEAM,
      event: eventOf(CHANNEL, {
        user: 'U0BOB',
        ts: '1900000000.000200',
        thread_ts: '1800000000.000001',
        text: 'x',
      }),
    });
    await app.slack.event({
      teamId: TEAM,
      event: eventOf(CHANNEL, { user: 'U0BOB', ts: '1900000000.000300', text: 'top-level chatter' }),
    });
    await app.slack.event({
      teamId: TEAM,
      event: eventOf(CHANNEL, {
        user: 'U0ROBOT',
        bot_id: 'B0ROBOT',
        ts: '1900000000.000400',
        thread_ts: thread.ts,
        text: 'beep',
      }),
    });
    // A marker reply after them: once it is stored, the three before it were handled.
    await app.slack.event({
      teamId: TEAM,
      event: eventOf(CHANNEL, {
        user: 'U0DAVE',
        ts: '1900000000.000500',
        thread_ts: thread.ts,
        text: 'marker',
      }),
    });
    await waitForSummaries(4);
    expect((await summariesOf(app, thread.occurrenceId)).map((s) => s.user_id)).toEqual([
      'U0BOB',
      'U0CAROL',
      'U0ALICE',
      'U0DAVE',
    ]);
    await app.slack.event({
      teamId: TEAM,
      event: {
        type: 'message',
        subtype: 'message_deleted',
        channel: CHANNEL,
        deleted_ts: '1900000000.000500',
        previous_message: { type: 'message', user: 'U0DAVE', ts: '1900000000.000500', thread_ts: thread.ts },
      },
    });
    await waitForSummaries(3);
  });

  it('an edit updates the reply’s summary; the digest holds all three in the thread', async () => {
    await app.slack.event({
      teamId: TEAM,
      event: {
        type: 'message',
        subtype: 'message_changed',
        channel: CHANNEL,
        ts: '1900000000.000900',
        message: {
          type: 'message',
          user: 'U0ALICE',
          ts: '1900000000.000100',
          thread_ts: thread.ts,
          text: 'Read about retries, jitter and timeouts',
        },
        previous_message: { type: 'message', user: 'U0ALICE', ts: '1900000000.000100', thread_ts: thread.ts },
      },
    });
    await waitForBody('U0ALICE', 'Read about retries, jitter and timeouts');

    expect(await slash('U0BOB', 'ritual digest learning-hour')).toContain('Only workspace admins');
    expect(await slash('U0ALICE', 'ritual digest standup')).toContain('`standup` is not a ritual');
    expect(await slash('U0ALICE', 'ritual digest contribution')).toContain('has no digest');
    expect(await slash('U0ALICE', 'ritual digest learning-hour')).toContain('3 summaries from 3 people');
    await fake.waitFor(
      () => threadReplies(fake, CHANNEL, thread.ts).some((m) => m.text?.includes('Learning digest')),
      10_000,
    );
    const digest = threadReplies(fake, CHANNEL, thread.ts).filter((m) => m.text?.includes('Learning digest'));
    expect(digest).toHaveLength(1);
    expect(digest[0]?.threadTs).toBe(thread.ts);
    const text = digest[0]?.text ?? '';
    expect(text).toContain('*3 summaries* from *3 people*');
    expect(text).toContain('Learned how indexes (https://use-the-index-luke.com) work');
    expect(text).toContain('Tried property-based tests with fast-check');
    expect(text).toContain('Read about retries, jitter and timeouts');
    expect(text).toContain('*Alice Example* — 1 summary');
    // Posted once: asking again says so and posts nothing.
    expect(await slash('U0ALICE', 'ritual digest learning-hour')).toContain('already in the thread');
    const parts = await query<{ n: number }>(
      app,
      "SELECT count(*)::int AS n FROM outbox WHERE kind = 'learning-hour.digest'",
    );
    expect(parts[0]?.n).toBe(1);
    // The scheduled digest step finds it composed and posts nothing more.
    const step = await query<{ id: string }>(
      app,
      "SELECT id FROM ritual_occurrence_steps WHERE occurrence_id = $1 AND step = 'digest'",
      [thread.occurrenceId],
    );
    await query(app, 'UPDATE ritual_occurrence_steps SET due_at = now() WHERE id = $1', [step[0]?.id]);
    await promoteJob(app, `step__${step[0]?.id}`);
    await fake.waitFor(() => true);
    await waitForStep(step[0]?.id ?? '', 'skipped');
    expect(
      threadReplies(fake, CHANNEL, thread.ts).filter((m) => m.text?.includes('Learning digest')),
    ).toHaveLength(1);
    expect(fake.violations).toEqual([]);
  });

  it('`ritual status` shows the next thread, the last week’s counts and a link to its thread', async () => {
    const status = await slash('U0ALICE', 'ritual status learning-hour');
    expect(status).toContain('*Next:*');
    expect(status).toContain('(run by hand)');
    expect(status).toContain('responded 3');
    expect(status).toContain(
      `https://team-t0team1.slack.com/archives/${CHANNEL}/p${thread.ts.replace('.', '')}`,
    );
    expect(status).toContain("This week's thread");
  });

  it('a deleted reply removes its summary and its activity', async () => {
    await app.slack.event({
      teamId: TEAM,
      event: {
        type: 'message',
        subtype: 'message_deleted',
        channel: CHANNEL,
        ts: '1900000000.000950',
        deleted_ts: '1900000000.000100',
        previous_message: { type: 'message', user: 'U0ALICE', ts: '1900000000.000100', thread_ts: thread.ts },
      },
    });
    await waitForSummaries(2);
    const activity = await query<{ n: number }>(
      app,
      "SELECT count(*)::int AS n FROM activity_events WHERE kind = 'summary.posted' AND user_id = 'U0ALICE'",
    );
    expect(activity[0]?.n).toBe(0);
  });

  it('refuses empty and over-long summaries with a specific answer, storing nothing', async () => {
    const before = (await summariesOf(app)).length;
    expect(await slash('U0BOB', 'summary \u200b\u200b')).toContain('Your summary is empty');
    const long = await slash('U0BOB', `summary ${'x'.repeat(3001)}`);
    expect(long).toContain('3,001 characters');
    expect(long).toContain('Open the summary form');
    expect((await summariesOf(app)).length).toBe(before);
  });

  const waitForSummaries = (n: number) =>
    waitUntil(
      async () => (await summariesOf(app, thread.occurrenceId)).length === n,
      10_000,
      `${n} summaries`,
    );
  const waitForBody = (userId: string, body: string) =>
    waitUntil(
      async () =>
        (await summariesOf(app, thread.occurrenceId)).some((s) => s.user_id === userId && s.body === body),
      10_000,
      `the summary "${body}"`,
    );
  const waitForStep = (id: string, status: string) =>
    waitUntil(
      async () =>
        (
          await query<{ status: string }>(app, 'SELECT status FROM ritual_occurrence_steps WHERE id = $1', [
            id,
          ])
        )[0]?.status === status,
      10_000,
      `step ${id} ${status}`,
    );
});
