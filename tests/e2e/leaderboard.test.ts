import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import { validateView } from '../../src/sandbox/slack/block-kit-limits.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import { BOT_TOKEN, seedWorkspace, startTestApp, TEAM, type TestApp } from '../support/app-harness.ts';
import { lastModal, query, submitModal } from '../support/plans-e2e.ts';
import { waitUntil } from '../support/rituals.ts';

const CHANNEL = 'C0LEARN';
const ALICE = 'U0ALICE';
const BOB = 'U0BOB';
const CAROL = 'U0CAROL';

/**
 * The team leaderboard over signed HTTP against the fake Slack (docs/product/leaderboard.md):
 * activity from real requests ranks members, the weekly post goes out once however often its job
 * runs, opting out hides a name, admins edit the points, and no post ever mentions anyone.
 */
describe('the team leaderboard', () => {
  let fake: FakeSlack;
  let app: TestApp;
  // Wednesday 9 December 2026, 15:00 UTC (the team's zone is UTC).
  const clock = fixedClock(new Date('2026-12-09T15:00:00Z'));

  // Everything the app said, kept across tests for the "no mention anywhere" check.
  const said: string[] = [];
  const slash = async (userId: string, text: string) => {
    const res = await app.slack.slashCommand({ teamId: TEAM, userId, text });
    const reply = JSON.stringify(res.json() ?? {});
    said.push(reply);
    return reply;
  };
  const logContribution = (userId: string, title: string) =>
    app.slack.viewSubmission({
      teamId: TEAM,
      userId,
      view: {
        callback_id: 'contribution_log',
        private_metadata: '',
        state: {
          values: {
            kind: { value: { type: 'static_select', selected_option: { value: 'feature' } } },
            title: { value: { type: 'plain_text_input', value: title } },
            link: { value: { type: 'url_text_input', value: null } },
            impact: { value: { type: 'plain_text_input', value: 'Fewer support tickets.' } },
          },
        },
      },
    });
  const runJob = (job: string, data: Record<string, unknown>) =>
    app.running.deps.queues.enqueue('feature-job', { job, data });
  const jobsDone = async (job: string) =>
    (
      await query<{ n: number }>(
        app,
        "SELECT count(*)::int AS n FROM job_runs WHERE name = 'feature-job' AND status = 'done' AND job_id = ANY($1)",
        [[...(jobIds.get(job) ?? [])]],
      )
    )[0]?.n ?? 0;
  const jobIds = new Map<string, string[]>();
  const run = async (job: string, data: Record<string, unknown>) => {
    const id = await runJob(job, data);
    jobIds.set(job, [...(jobIds.get(job) ?? []), id]);
  };
  /** Leaderboard posts the app made in the learning-hour channel. */
  const posts = () =>
    fake
      .callsTo('chat.postMessage')
      .filter((c) => c.response?.ok === true && c.params.channel === CHANNEL)
      .map((c) => JSON.stringify(c.params));

  beforeAll(async () => {
    fake = await startFakeSlack();
    seedWorkspace(fake);
    fake.addUser({ teamId: TEAM, userId: CAROL, name: 'carol', realName: 'Carol Example', tz: 'Asia/Tokyo' });
    fake.addChannel({ teamId: TEAM, channelId: CHANNEL, name: 'learning', members: [ALICE, BOB, CAROL] });
    app = await startTestApp({ fake, clock });
    await app.running.deps.workspaces.upsertWorkspace(TEAM);
    await app.running.deps.rituals.saveSetup(TEAM, 'learning-hour', {
      channelId: CHANNEL,
      cadence: { kind: 'weekly', weekday: 4 },
      localTime: { hour: 16, minute: 0 },
      timeZone: null,
    });
  });
  afterAll(async () => {
    await app?.cleanup();
    await fake?.close();
  });
  beforeEach(() => fake.reset());
  afterEach(() => {
    said.push(JSON.stringify([fake.calls.map((c) => c.params), fake.responseUrlPosts()]));
  });

  it('activity from signed requests ranks members; the member sees their own rank outside the top ten', async () => {
    // Alice logs two contributions (one counts: cap 1 a week) and moves a key result twice.
    expect((await logContribution(ALICE, 'Retry budget for payments')).status).toBe(200);
    expect((await logContribution(ALICE, 'Faster CI')).status).toBe(200);
    await app.slack.slashCommand({ teamId: TEAM, userId: ALICE, text: 'okr add' });
    await fake.waitFor(() => fake.callsTo('views.open').length === 1);
    await submitModal(app, TEAM, ALICE, lastModal(fake, 'plans_okr_add'), {
      objective: 'Calmer on-call',
      kr1_title: 'Runbooks for every alert',
      kr1_kind: { option: 'percent' },
    });
    await slash(ALICE, 'okr progress 1 40');
    await slash(ALICE, 'okr progress 1 60');
    // Bob and Carol log one contribution each: a tie.
    await logContribution(BOB, 'Fix flaky login test');
    await logContribution(CAROL, 'Dark mode');

    const reply = await slash(CAROL, 'leaderboard');
    expect(reply).toContain('this week so far (7–13 Dec 2026)');
    expect(reply).toMatch(
      /first_place_medal: \*alice\* — 5 pts.*second_place_medal: \*bob\* — 3 pts.*second_place_medal: \*carol\* — 3 pts/,
    );
    expect(reply).toContain("You're *#2* of 3 ranked members");
    expect(reply).toContain('Contributions logged: 1 → 3 pts');
    expect(reply).not.toContain('artifact.');
    expect(reply).toContain('Team total: *11 points* from 3 members');
    const aliceReply = await slash(ALICE, 'leaderboard');
    expect(aliceReply).toContain('Contributions logged: 2 (1 counted: weekly cap) → 3 pts');
    expect(aliceReply).toContain('Key-result check-ins: 2 → 2 pts');

    // Eleven busier teammates push Carol out of the top ten; her own rank still shows.
    const busy = Array.from({ length: 11 }, (_, i) => `U0BUSY${i}`);
    for (const userId of busy) {
      fake.addUser({ teamId: TEAM, userId, name: `busy${i(userId)}` });
      await app.running.deps.members.ensure(app.running.deps.clients.forToken(BOT_TOKEN), TEAM, userId);
      await app.running.deps.activity.record([
        {
          teamId: TEAM,
          userId,
          kind: 'review.presented',
          sourceKey: `test:review:${userId}`,
          occurredAt: clock.now(),
        },
      ]);
    }
    const crowded = await slash(CAROL, 'leaderboard');
    expect(crowded).toContain("You're *#13* of 14 ranked members");
    expect(crowded).not.toContain('*carol*');
    expect(crowded).toContain('*busy0* — 5 pts');
    expect(await slash(CAROL, 'leaderboard quarter')).toContain('this quarter so far (2026 Q4)');
    expect(await slash(CAROL, 'leaderboard year')).toContain('is not a period');
    expect(fake.violations).toEqual([]);
  });

  it('opting out hides the name everywhere but keeps the points in the total', async () => {
    // Bob presents a design review and gives feedback four times (three count): first place.
    await app.running.deps.activity.record([
      {
        teamId: TEAM,
        userId: BOB,
        kind: 'review.presented',
        sourceKey: 'test:review:bob',
        occurredAt: clock.now(),
      },
      ...[1, 2, 3, 4].map((n) => ({
        teamId: TEAM,
        userId: BOB,
        kind: 'feedback.given' as const,
        sourceKey: `test:feedback:bob:${n}`,
        occurredAt: clock.now(),
      })),
    ]);
    expect(await slash(ALICE, 'leaderboard')).toContain(':first_place_medal: *bob* — 17 pts');
    expect(await slash(BOB, 'leaderboard optout')).toContain('your name is off the leaderboard');
    expect(await slash(BOB, 'leaderboard optout')).toContain('nothing changed');
    const seen = await slash(ALICE, 'leaderboard');
    expect(seen).not.toContain('bob');
    expect(seen).toContain('Team total: *80 points* from 14 members');
    expect(await slash(BOB, 'leaderboard')).toContain("You've opted out, so you're not ranked");
  });

  it('the worker runs the tick every five minutes, as a BullMQ job scheduler', async () => {
    const housekeeping = app.running.deps.queues.queueFor('housekeeping');
    await waitUntil(
      async () => (await housekeeping.getJobScheduler('feature:leaderboard-tick')) !== undefined,
      10_000,
      'the leaderboard scheduler',
    );
    const scheduler = await housekeeping.getJobScheduler('feature:leaderboard-tick');
    expect(scheduler).toMatchObject({ every: 300_000, name: 'feature-job' });
  });

  it('the weekly post goes out once, even when its job runs twice; then the monthly post with its chart', async () => {
    // Monday 14 December, 09:00 team time: the scheduler's tick arms the post of last week.
    clock.set(new Date('2026-12-14T09:00:00Z'));
    await run('leaderboard.tick', {});
    await run('leaderboard.post', { teamId: TEAM, span: 'week', week: '2026-12-07' });
    await run('leaderboard.post', { teamId: TEAM, span: 'week', week: '2026-12-07' });
    await waitUntil(async () => (await jobsDone('leaderboard.post')) === 2, 20_000, 'both post jobs');
    await waitUntil(async () => posts().length >= 1, 20_000, 'the weekly post');
    const sent = await query<{ status: string }>(
      app,
      "SELECT status FROM outbox WHERE idempotency_key = 'leaderboard:week:2026-W50'",
    );
    await waitUntil(
      async () =>
        (
          await query<{ n: number }>(
            app,
            "SELECT count(*)::int AS n FROM job_runs WHERE status <> 'done' AND name = 'feature-job'",
          )
        )[0]?.n === 0,
      20_000,
      'every leaderboard job',
    );
    expect(sent).toHaveLength(1);
    expect(posts()).toHaveLength(1);
    const [post = ''] = posts();
    expect(post).toContain('Leaderboard · week of 7–13 Dec 2026');
    expect(post).toContain('*alice* — 5 pts');
    expect(post).not.toContain('bob');
    expect(post).toContain('Team total: *80 points*');
    expect(post).toContain('"metadata"');

    // The month's last week (28 Dec – 3 Jan) is posted on Monday 4 January, with December's board.
    said.push(...posts());
    fake.reset();
    clock.set(new Date('2027-01-04T09:00:00Z'));
    await run('leaderboard.tick', {});
    await waitUntil(async () => posts().length === 1, 20_000, 'the monthly post');
    const [monthly = ''] = posts();
    expect(monthly).toContain('Leaderboard · December 2026');
    expect(monthly).toMatch(/"slack_file":\{"id":"F[A-Z0-9]+"\}/);
    const [chart] = fake.uploadedFiles();
    expect(chart).toMatchObject({ filename: 'leaderboard-2026-12.png' });
    expect(chart?.content).toContain('PNG');
    // The finished week itself had no activity: no empty weekly post.
    expect(
      await query(app, "SELECT 1 FROM outbox WHERE idempotency_key = 'leaderboard:week:2026-W53'"),
    ).toEqual([]);
  });

  it('admins edit the points and switch to totals only; others cannot; bad values store nothing', async () => {
    expect(await slash(BOB, 'leaderboard settings')).toContain('Only workspace admins');
    expect(fake.callsTo('views.open')).toHaveLength(0);
    await slash(ALICE, 'leaderboard settings');
    await fake.waitFor(() => fake.callsTo('views.open').length === 1);
    const view = lastModal(fake, 'leaderboard_settings');
    expect(validateView(view)).toEqual([]);
    const bad = await submitModal(app, TEAM, ALICE, view, { 'points:contribution.logged': 'lots' });
    expect(bad.json()).toMatchObject({
      response_action: 'errors',
      errors: { 'points:contribution.logged': expect.any(String) },
    });
    expect(await query(app, 'SELECT * FROM leaderboard_team_points')).toEqual([]);

    const ok = await submitModal(app, TEAM, ALICE, view, {
      'points:contribution.logged': '10',
      switches: { checked: ['posts_enabled', 'totals_only'] },
    });
    expect(ok.status).toBe(200);
    clock.set(new Date('2026-12-10T12:00:00Z'));
    const after = await slash(CAROL, 'leaderboard');
    expect(after).toContain('You:* 10 pts');
    expect(after).not.toContain('*alice*');
  });

  it('no post and no reply names anyone with a mention', () => {
    const everything = said.join('\n');
    expect(everything).toContain('Leaderboard · week of 7–13 Dec 2026');
    expect(everything).toContain('Leaderboard · December 2026');
    expect(everything).not.toContain('<@U');
    expect(everything).not.toContain('<!channel>');
  });
});

function i(userId: string): string {
  return userId.replace('U0BUSY', '');
}
