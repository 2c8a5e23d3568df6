import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SENDING_LEASE_MS } from '../../src/outbox/message.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import { startAcceptThenFailProxy } from '../support/accept-then-fail.ts';
import { seedWorkspace, startTestApp, TEAM, type TestApp } from '../support/app-harness.ts';
import { lastModal, query, submitModal } from '../support/plans-e2e.ts';
import { waitUntil } from '../support/rituals.ts';

/**
 * A zone where it is between 10:00 and 11:00 right now, so today's check-in (10:00 member-local)
 * is due and the sender's look-up of an uncertain post (from shortly before the due time) sees
 * the real message timestamps of the fake Slack.
 */
function zoneAtTenNow(): string {
  const hour = new Date().getUTCHours();
  const offset = hour === 23 ? 11 : 10 - hour;
  // IANA's Etc zones name the offset with the opposite sign.
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

const CARA = 'U0CARA';
const DAN = 'U0DAN';

describe('skill check-in DMs through the outbox', () => {
  let fake: FakeSlack;
  let proxy: Awaited<ReturnType<typeof startAcceptThenFailProxy>>;
  let app: TestApp;
  let offset = 0;
  const zone = zoneAtTenNow();
  const rows = () =>
    query<{ id: string; user_id: string; status: string; round: number; idempotency_key: string }>(
      app,
      "select id, user_id, status, round, idempotency_key from outbox where kind = 'skills.checkin' order by user_id",
    );
  const checkinsIn = (userId: string) =>
    fake
      .messages(fake.dmChannelFor(TEAM, userId))
      .filter((m) => JSON.stringify(m.blocks ?? []).includes('skills_checkin_open'));

  beforeAll(async () => {
    fake = await startFakeSlack();
    seedWorkspace(fake);
    fake.addUser({ teamId: TEAM, userId: CARA, name: 'cara', tz: zone });
    fake.addUser({ teamId: TEAM, userId: DAN, name: 'dan', tz: zone });
    proxy = await startAcceptThenFailProxy(
      fake.baseUrl,
      (method, body) => method === 'chat.postMessage' && body.includes('skills_checkin_open'),
    );
    app = await startTestApp({
      fake,
      env: { SLACK_API_URL: proxy.apiUrl },
      clock: { now: () => new Date(Date.now() + offset) },
    });
  });
  afterAll(async () => {
    await app?.cleanup();
    await proxy?.close();
    await fake?.close();
  });

  it('a check-in whose post Slack accepted before the job failed is retried and arrives once; answering it records a check-in', async () => {
    // Both assessed their skills ten days ago, so both take part in check-ins.
    offset = -10 * 24 * 3600_000;
    for (const userId of [CARA, DAN]) {
      fake.reset();
      await app.slack.slashCommand({ teamId: TEAM, userId, text: 'skills' });
      await fake.waitFor(() => fake.callsTo('views.open').length === 1);
      const form = lastModal(fake, 'skills_assessment');
      const [skill] = await query<{ id: string }>(app, "select id from skills where name = 'Observability'");
      await submitModal(app, TEAM, userId, form, {
        [`level_${skill?.id}`]: '2',
        [`target_${skill?.id}`]: '4',
      });
    }
    offset = 0;
    fake.reset();
    // Every day is a work day, and this cycle starts today in their zone.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date());
    await app.running.deps.calendar.saveTeamCalendar(TEAM, {
      workWeek: [1, 2, 3, 4, 5, 6, 7],
      timeZone: 'UTC',
      holidays: [],
    });
    await query(app, 'update skill_settings set checkin_anchor = $1, checkin_every_weeks = 4', [today]);

    proxy.arm(1);
    await app.running.deps.queues.enqueue('feature-job', { job: 'skills.plan-checkins', data: {} });
    await waitUntil(() => proxy.failed() === 1, 15_000, 'a check-in post accepted by Slack, answered 503');
    // The failed attempt holds its lease; let the clock pass it so the retry may take over.
    offset = SENDING_LEASE_MS + 1000;
    await waitUntil(
      async () => (await rows()).length === 2 && (await rows()).every((r) => r.status === 'sent'),
      30_000,
      'both check-ins recorded as sent',
    );
    expect((await rows()).map((r) => r.idempotency_key)).toEqual([
      `skills:checkin:${today}:${CARA}`,
      `skills:checkin:${today}:${DAN}`,
    ]);
    expect(checkinsIn(CARA)).toHaveLength(1);
    expect(checkinsIn(DAN)).toHaveLength(1);
    expect(fake.callsTo('conversations.history').length).toBeGreaterThan(0);
    const dm = JSON.stringify(checkinsIn(CARA)[0]?.blocks);
    expect(dm).toContain('What changed last time');
    expect(dm).toContain('*Observability*: 2 → target 4 (new last time)');

    // Planning again (the scheduler runs every few minutes) stores and sends nothing more.
    const replan = await app.running.deps.queues.enqueue('feature-job', {
      job: 'skills.plan-checkins',
      data: {},
    });
    await waitUntil(
      async () =>
        (await app.running.deps.queues.queueFor('housekeeping').getJob(replan))?.finishedOn !== undefined,
      10_000,
      'the second planning run to finish',
    );
    expect(await rows()).toHaveLength(2);

    // One button opens the short form; the answer is a new assessment and a check-in done.
    const [cara] = (await rows()).filter((r) => r.user_id === CARA);
    const message = checkinsIn(CARA)[0];
    const value = `${cara?.id}:1`;
    fake.reset();
    await app.slack.blockActions({
      teamId: TEAM,
      userId: CARA,
      actions: [{ action_id: 'skills_checkin_open', value }],
      message: { ts: message?.ts ?? '' },
      channelId: fake.dmChannelFor(TEAM, CARA),
    });
    await fake.waitFor(() => fake.callsTo('views.open').length === 1);
    const form = lastModal(fake, 'skills_checkin');
    const [skill] = await query<{ id: string }>(app, "select id from skills where name = 'Observability'");
    const answer = (await submitModal(app, TEAM, CARA, form, { [`level_${skill?.id}`]: '3' })).json() as {
      view?: unknown;
    };
    expect(JSON.stringify(answer.view)).toContain('*Observability*: 3 → target 4 (↑1)');
    expect((await rows()).find((r) => r.user_id === CARA)?.status).toBe('done');
    const done = await query(
      app,
      "select 1 from activity_events where user_id = $1 and kind = 'skill_checkin.done'",
      [CARA],
    );
    expect(done).toHaveLength(1);
    await fake.waitFor(() => fake.callsTo('chat.update').length === 1);

    // Snooze and skip work as on the reminders: a new round an hour later, then skipped.
    const [dan] = (await rows()).filter((r) => r.user_id === DAN);
    const click = (actionId: string, round: number) =>
      app.slack.blockActions({
        teamId: TEAM,
        userId: DAN,
        actions: [{ action_id: actionId, value: `${dan?.id}:${round}` }],
        message: { ts: checkinsIn(DAN)[0]?.ts ?? '' },
        channelId: fake.dmChannelFor(TEAM, DAN),
      });
    await click('skills_checkin_snooze_1h', 1);
    await waitUntil(
      async () => (await rows()).find((r) => r.user_id === DAN)?.round === 2,
      10_000,
      'snoozed',
    );
    // Someone else's button changes nothing.
    await app.slack.blockActions({
      teamId: TEAM,
      userId: CARA,
      actions: [{ action_id: 'skills_checkin_skip', value: `${dan?.id}:2` }],
    });
    await fake.waitFor(() => JSON.stringify(fake.responseUrlPosts()).includes('not yours'));
    expect((await rows()).find((r) => r.user_id === DAN)?.status).toBe('planned');
    await click('skills_checkin_skip', 2);
    await waitUntil(
      async () => (await rows()).find((r) => r.user_id === DAN)?.status === 'skipped',
      10_000,
      'skipped',
    );
    expect(fake.violations).toEqual([]);
  });
});
