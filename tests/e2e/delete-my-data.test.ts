import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Deps } from '../../src/deps.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { JOB_CATALOGUE } from '../../src/jobs/catalogue.ts';
import { jobId } from '../../src/jobs/queues.ts';
import { prerenderedKind } from '../../src/outbox/kinds.ts';
import { validateView } from '../../src/sandbox/slack/block-kit-limits.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import type { FeatureFactory } from '../../src/slack/kit/feature.ts';
import { seedWorkspace, startTestApp, TEAM, type TestApp } from '../support/app-harness.ts';
import { mentionsOf, modalOf, rowsOf, seedMember } from '../support/erasure-e2e.ts';
import { query, submitModal } from '../support/plans-e2e.ts';
import { waitUntil } from '../support/rituals.ts';

const ALICE = 'U0ALICE'; // an admin
const BOB = 'U0BOB';
type Obj = Record<string, unknown>;

/** A test-only kind, so a DM can be planned for Bob through the outbox like any feature's. */
const nudges: FeatureFactory<Deps> = () => ({ name: 'nudges', outboxKinds: [prerenderedKind('x.nudge')] });

/**
 * delete-my-data through Slack: the confirmation lists what is stored, a cancel or an unticked box
 * changes nothing, the erase leaves no row of the member in any table (found by introspection, so
 * a new table cannot hide), planned DMs never go out, others' data stays, and the audit keeps who
 * erased whom and when. Admins erasing members who left: delete-member-data.test.ts.
 */
describe('delete-my-data', () => {
  let fake: FakeSlack;
  let app: TestApp;

  beforeAll(async () => {
    fake = await startFakeSlack();
    seedWorkspace(fake);
    app = await startTestApp({
      fake,
      clock: fixedClock(new Date('2026-09-01T12:00:00Z')),
      features: [nudges],
    });
    for (const userId of [ALICE, BOB]) await seedMember(app, fake, userId);
  }, 60_000);
  afterAll(async () => {
    await app?.cleanup();
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  it('the confirmation lists what is stored; a cancel or an unticked box changes nothing', async () => {
    const before = await rowsOf(app, BOB);
    expect(before).toMatchObject({
      north_stars: 1,
      milestones: 1,
      objectives: 1,
      key_results: 1,
      key_result_checkins: 1,
      portfolio_artifacts: 2,
      readiness_evidence: 1,
      member_ooo: 1,
      members: 1,
    });
    expect(before.activity_events).toBeGreaterThanOrEqual(5);

    await app.slack.slashCommand({ teamId: TEAM, userId: BOB, text: 'delete-my-data' });
    const view = await modalOf(fake, 'privacy_erase_confirm');
    const text = JSON.stringify(view.blocks);
    for (const line of [
      'your stored Slack profile',
      '1 north star',
      '1 milestone',
      '1 objective',
      '1 key result',
      '1 key-result check-in',
      '2 portfolio artifacts (contributions included)',
      '1 readiness evidence link',
      '1 out-of-office period',
      `${before.activity_events} activity records`,
    ]) {
      expect(text).toContain(line);
    }
    expect(text).toContain('Reminders planned for you are cancelled');
    // Cancel: Slack closes the modal and sends nothing (no notify_on_close), so nothing changes.
    expect(view.notify_on_close).toBeUndefined();
    expect(await rowsOf(app, BOB)).toEqual(before);

    const unticked = await submitModal(app, TEAM, BOB, view, {});
    expect(unticked.json()).toMatchObject({
      response_action: 'errors',
      errors: { confirm: expect.stringContaining('Nothing was erased') },
    });
    expect(await rowsOf(app, BOB)).toEqual(before);
    expect(await query(app, 'SELECT * FROM erasure_audit')).toEqual([]);
  });

  it('erases everything about the member in every table, cancels planned DMs, keeps others, audits without content', async () => {
    const aliceBefore = await rowsOf(app, ALICE);
    // A DM planned for Bob (and one for Alice), due in a moment.
    const dueAt = new Date(app.running.deps.clock.now().getTime() + 1500);
    const [bobDm] = await app.running.deps.outbox.enqueue([
      {
        teamId: TEAM,
        key: 'nudge:bob',
        kind: 'x.nudge',
        target: { type: 'dm', userId: BOB },
        dueAt,
        payload: { text: 'Hi Bob' },
      },
    ]);
    await app.running.deps.outbox.enqueue([
      {
        teamId: TEAM,
        key: 'nudge:alice',
        kind: 'x.nudge',
        target: { type: 'dm', userId: ALICE },
        dueAt,
        payload: { text: 'Hi Alice' },
      },
    ]);

    await app.slack.slashCommand({ teamId: TEAM, userId: BOB, text: 'delete-my-data' });
    const view = await modalOf(fake, 'privacy_erase_confirm');
    const res = await submitModal(app, TEAM, BOB, view, { confirm: { checked: ['erase'] } });
    const answer = res.json() as { response_action: string; view: Obj };
    expect(answer.response_action).toBe('update');
    const done = JSON.stringify(answer.view);
    expect(done).toContain('Your careerplan data is erased.');
    for (const line of [
      'North star: 1',
      'Milestones: 1',
      'Objectives: 1',
      'Key results: 1',
      'Key-result check-ins: 1',
      'Portfolio artifacts (contributions included): 2',
      'Readiness evidence links: 1',
      'Out-of-office periods: 1',
      'Stored Slack profile: 1',
    ]) {
      expect(done).toContain(line);
    }
    expect(done).toContain('1 planned reminder was cancelled.');
    expect(validateView(answer.view)).toEqual([]);

    // The test, which a new table cannot fool: every table with a user_id column…
    const after = await rowsOf(app, BOB);
    expect(Object.keys(after).length).toBeGreaterThanOrEqual(12);
    expect(Object.entries(after).filter(([, n]) => n > 0)).toEqual([]);
    // …and, stricter, no text or JSON value anywhere names Bob (the audit aside).
    expect(await mentionsOf(app, BOB)).toEqual([]);
    // Alice's data is untouched.
    expect(await rowsOf(app, ALICE)).toEqual({ ...aliceBefore, outbox: (aliceBefore.outbox ?? 0) + 1 });

    // Bob's planned DM never goes out: wait until its timer has run, and Alice's has been sent.
    const timer = jobId('deliver', String(bobDm?.id), Number(bobDm?.round));
    const deliveries = app.running.deps.queues.queueFor(JOB_CATALOGUE.deliver.queue);
    await waitUntil(
      async () => (await deliveries.getJobState(timer)) === 'completed',
      10_000,
      "Bob's cancelled DM timer to run",
    );
    await fake.waitFor(
      () => fake.messages(fake.dmChannelFor(TEAM, ALICE)).some((m) => m.text === 'Hi Alice'),
      10_000,
    );
    expect(fake.messages(fake.dmChannelFor(TEAM, BOB)).some((m) => m.text === 'Hi Bob')).toBe(false);

    // Bob's Home says so, built without storing Bob again.
    await fake.waitFor(() =>
      JSON.stringify(fake.homeView(TEAM, BOB)?.view ?? {}).includes('data was erased'),
    );
    expect((await rowsOf(app, BOB)).members).toBe(0);

    const audit = await query<{
      subject_id: string;
      actor_id: string;
      by_admin: boolean;
      counts: Record<string, number>;
    }>(app, 'SELECT subject_id, actor_id, by_admin, counts FROM erasure_audit');
    expect(audit).toEqual([expect.objectContaining({ subject_id: BOB, actor_id: BOB, by_admin: false })]);
    expect(audit[0]?.counts).toMatchObject({
      'plans.northStar': 1,
      'portfolio.artifacts': 2,
      'reminders.cancelled': 1,
    });
    for (const value of Object.values(audit[0]?.counts ?? {})) expect(typeof value).toBe('number');
    expect(JSON.stringify(audit)).not.toMatch(/Mentored|Grow|Ship it|Contribution/);
  });
});
