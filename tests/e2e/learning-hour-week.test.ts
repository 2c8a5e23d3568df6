import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Weekday } from '../../src/domain/schedules/index.ts';
import { validateView } from '../../src/sandbox/slack/block-kit-limits.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import { startTestApp, TEAM, type TestApp } from '../support/app-harness.ts';
import { homeText, lastModal, query, submitModal } from '../support/plans-e2e.ts';
import { waitUntil } from '../support/rituals.ts';
import {
  answerOf,
  eventually,
  promoteJob,
  seedRitualTeam,
  setUpChannelRitual,
  summariesOf,
  threadOf,
  threadReplies,
} from '../support/team-rituals.ts';

const CHANNEL = 'C0LEARN';

describe('a learning-hour week: reminders, a large digest, App Home, erase', () => {
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

  it('opens the week’s thread; Bob and Carol give their summaries', async () => {
    expect(await slash('U0ALICE', 'ritual run learning-hour')).toContain('Running');
    thread = await threadOf(app, fake, CHANNEL);
    expect(
      await slash('U0BOB', 'summary Learned how <https://use-the-index-luke.com|indexes> work'),
    ).toContain('thread of');
    expect(await slash('U0CAROL', 'summary Tried property-based tests with fast-check')).toContain(
      'thread of',
    );
    await waitForSummaries(2);
  });

  it('reminds, at their local time, only the members who have not contributed this week', async () => {
    // Time passes to the reminder day: the step's timer fires (its due time moved to now).
    const step = await query<{ id: string }>(
      app,
      "SELECT id FROM ritual_occurrence_steps WHERE occurrence_id = $1 AND step = 'reminders'",
      [thread.occurrenceId],
    );
    await query(app, 'UPDATE ritual_occurrence_steps SET due_at = now() WHERE id = $1', [step[0]?.id]);
    await promoteJob(app, `step__${step[0]?.id}`);
    await eventually(
      async () =>
        (
          await query(app, "SELECT 1 FROM ritual_occurrence_steps WHERE id = $1 AND status = 'done'", [
            step[0]?.id,
          ])
        ).length === 1,
      'the reminder step',
    );
    const planned = await query<{ id: string; user_id: string; tz: string; due_at: Date }>(
      app,
      "SELECT id, user_id, tz, due_at FROM outbox WHERE kind = 'ritual.reminder' AND occurrence_id = $1 ORDER BY user_id",
      [thread.occurrenceId],
    );
    // One per human member of the channel (the bot is left out), each at 16:00 in their own zone.
    expect(planned.map((r) => r.user_id)).toEqual(['U0ALICE', 'U0BOB', 'U0CAROL', 'U0DAVE']);
    for (const r of planned) {
      const local = new Intl.DateTimeFormat('en-GB', { timeZone: r.tz, hour: '2-digit', minute: '2-digit' });
      expect(local.format(r.due_at)).toBe('16:00');
    }
    // Their time comes: Bob and Carol contributed (skipped), Dave did not (reminded).
    await query(
      app,
      "UPDATE outbox SET due_at = now() WHERE kind = 'ritual.reminder' AND occurrence_id = $1",
      [thread.occurrenceId],
    );
    for (const r of planned) await promoteJob(app, `deliver__${r.id}__1`);
    await fake.waitFor(() => fake.messages('DU0DAVE').length === 1, 10_000);
    await eventually(
      async () =>
        (
          await query(
            app,
            "SELECT 1 FROM outbox WHERE kind = 'ritual.reminder' AND occurrence_id = $1 AND status IN ('sent','skipped')",
            [thread.occurrenceId],
          )
        ).length === 4,
      'all reminders handled',
    );
    const outcome = await query<{ user_id: string; status: string; skip_reason: string | null }>(
      app,
      "SELECT user_id, status, skip_reason FROM outbox WHERE kind = 'ritual.reminder' AND occurrence_id = $1 ORDER BY user_id",
      [thread.occurrenceId],
    );
    expect(outcome.find((r) => r.user_id === 'U0BOB')).toMatchObject({
      status: 'skipped',
      skip_reason: 'already_contributed',
    });
    expect(outcome.find((r) => r.user_id === 'U0CAROL')).toMatchObject({
      status: 'skipped',
      skip_reason: 'already_contributed',
    });
    expect(outcome.find((r) => r.user_id === 'U0DAVE')).toMatchObject({ status: 'sent' });
    const dm = JSON.stringify(fake.messages('DU0DAVE')[0]?.blocks);
    expect(dm).toContain('What did you learn this week?');
    expect(dm).toContain('reminder_do_now');
    expect(dm).toContain('reminder_snooze_1h');
    expect(dm).toContain('reminder_skip');

    // "Write my summary" opens the form; the summary joins the week and answers the reminder.
    const value = /"value":"(\d+:\d+)"/.exec(dm)?.[1] ?? '';
    await app.slack.blockActions({
      teamId: TEAM,
      userId: 'U0DAVE',
      actions: [{ action_id: 'reminder_do_now', value }],
      container: { type: 'message', channel_id: 'DU0DAVE', message_ts: fake.messages('DU0DAVE')[0]?.ts },
    });
    await fake.waitFor(() =>
      fake.callsTo('views.open').some((c) => JSON.stringify(c.params).includes('learning_hour_summary')),
    );
    const modal = lastModal(fake, 'learning_hour_summary');
    const empty = await submitModal(app, TEAM, 'U0DAVE', modal, { text: '   ' });
    expect(JSON.stringify(empty.json())).toContain('Your summary is empty');
    const ok = await submitModal(app, TEAM, 'U0DAVE', modal, {
      text: 'Learned to read EXPLAIN ANALYZE output',
      link: 'https://www.postgresql.org/docs/current/using-explain.html',
    });
    expect(ok.status).toBe(200);
    await waitForSummaries(3);
    const dave = (await summariesOf(app, thread.occurrenceId)).find((s) => s.user_id === 'U0DAVE');
    expect(dave).toMatchObject({
      source: 'modal',
      link: 'https://www.postgresql.org/docs/current/using-explain.html',
    });
    await eventually(
      async () =>
        (
          await query(app, "SELECT status FROM outbox WHERE user_id = 'U0DAVE' AND kind = 'ritual.reminder'")
        )[0]?.status === 'done',
      'the reminder marked done',
    );
    await fake.waitFor(() => JSON.stringify(fake.messages('DU0DAVE')[0]?.text).includes('Thanks!'));
    expect(fake.violations).toEqual([]);
  });

  it('a week of 60 summaries gets a digest within Slack’s limits, every summary accounted for', async () => {
    expect(await slash('U0ALICE', 'ritual run learning-hour')).toContain('Running');
    await fake.waitFor(
      () => fake.messages(CHANNEL).filter((m) => m.threadTs === undefined).length === 2,
      15_000,
    );
    const week = await threadOf(app, fake, CHANNEL, thread.occurrenceId);
    expect(week.occurrenceId).not.toBe(thread.occurrenceId);
    // 60 long summaries from 20 people (stored as the form would store them).
    const people = Array.from({ length: 20 }, (_, i) => `U0P${String(i).padStart(3, '0')}`);
    for (const [i, userId] of people.entries())
      fake.addUser({ teamId: TEAM, userId, realName: `Person ${i}` });
    await app.running.deps.workspaces.saveMemberProfiles(
      TEAM,
      people.map((userId, i) => ({
        userId,
        profile: {
          displayName: '',
          realName: `Person ${i}`,
          tz: 'UTC',
          isAdmin: false,
          isOwner: false,
          isBot: false,
          isDeleted: false,
        },
      })),
    );
    for (let i = 0; i < 60; i++) {
      await query(
        app,
        `INSERT INTO learning_summaries (team_id, user_id, occurrence_id, body, link, source)
         VALUES ($1, $2, $3, $4, $5, 'modal')`,
        [
          TEAM,
          people[i % 20],
          week.occurrenceId,
          `Summary ${i}: ${'a fairly long account of what was learned, with <angle brackets> & ampersands. '.repeat(20)}`,
          `https://example.com/learned/${i}`,
        ],
      );
    }
    expect(await slash('U0ALICE', 'ritual digest learning-hour')).toContain('60 summaries from 20 people');
    const parts = await query<{ n: number }>(
      app,
      "SELECT count(*)::int AS n FROM outbox WHERE kind = 'learning-hour.digest' AND occurrence_id = $1",
      [week.occurrenceId],
    );
    const count = parts[0]?.n ?? 0;
    expect(count).toBeGreaterThan(1);
    await fake.waitFor(
      () =>
        threadReplies(fake, CHANNEL, week.ts).filter((m) => m.text?.includes('Learning digest')).length ===
        count,
      20_000,
    );
    const replies = threadReplies(fake, CHANNEL, week.ts).filter((m) => m.text?.includes('Learning digest'));
    const all = replies.map((m) => m.text ?? '').join('\n');
    for (const [i, m] of replies.entries()) {
      expect(m.text).toContain(`(part ${i + 1} of ${count})`);
      expect((m.text ?? '').length).toBeLessThanOrEqual(40_000);
    }
    // Shown in full, or named in the closing reply's count: never dropped without a word.
    const shown = Array.from({ length: 60 }, (_, i) => all.includes(`Summary ${i}:`)).filter(Boolean).length;
    if (shown < 60) expect(all).toContain(`${60 - shown} more summaries`);
    expect(all).toContain('&lt;angle brackets&gt; &amp; ampersands');
    expect(all).toContain('https://example.com/learned/0');
    expect(fake.violations).toEqual([]);
  });

  it('App Home shows the rituals with the member’s week, a summary button, and pause / resume', async () => {
    await app.slack.event({
      teamId: TEAM,
      event: { type: 'app_home_opened', user: 'U0BOB', channel: 'DU0BOB', tab: 'home' },
    });
    await fake.waitFor(() => homeText(fake, TEAM, 'U0BOB').includes('Weekly learning hour'), 10_000);
    let home = homeText(fake, TEAM, 'U0BOB');
    expect(home).toContain('You shared a learning summary this week');
    expect(home).toContain('Post a summary');
    expect(home).toContain('(your time)');
    expect(home).toContain('Europe/London');
    expect(home).toContain('Your reminders are on');
    expect(validateView(fake.homeView(TEAM, 'U0BOB')?.view)).toEqual([]);
    await app.slack.blockActions({
      teamId: TEAM,
      userId: 'U0BOB',
      actions: [{ action_id: 'rituals_home_pause' }],
      view: { type: 'home', callback_id: '' },
    });
    await fake.waitFor(() => homeText(fake, TEAM, 'U0BOB').includes('Resume reminders'), 10_000);
    home = homeText(fake, TEAM, 'U0BOB');
    expect(home).toContain('paused until you resume');
    const paused = await query<{ paused_until: string }>(
      app,
      "SELECT paused_until FROM members WHERE user_id = 'U0BOB'",
    );
    expect(paused[0]?.paused_until).toBe('infinity');
    await app.slack.blockActions({
      teamId: TEAM,
      userId: 'U0BOB',
      actions: [{ action_id: 'rituals_home_resume' }],
      view: { type: 'home', callback_id: '' },
    });
    await fake.waitFor(() => homeText(fake, TEAM, 'U0BOB').includes('Your reminders are on'), 10_000);
  });

  it('erasing a member removes their summaries; the others stay', async () => {
    const before = (await summariesOf(app)).length;
    const erased = await app.running.features.erase({ teamId: TEAM, userId: 'U0CAROL' });
    expect(erased['learning-hour.summaries']).toBe(1);
    expect((await summariesOf(app)).filter((s) => s.user_id === 'U0CAROL')).toEqual([]);
    expect((await summariesOf(app)).length).toBe(before - 1);
  });

  const waitForSummaries = (n: number) =>
    waitUntil(
      async () => (await summariesOf(app, thread.occurrenceId)).length === n,
      10_000,
      `${n} summaries`,
    );
});
