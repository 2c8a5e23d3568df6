import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Deps } from '../../src/deps.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { JOB_CATALOGUE } from '../../src/jobs/catalogue.ts';
import { jobId } from '../../src/jobs/queues.ts';
import { prerenderedKind } from '../../src/outbox/kinds.ts';
import type { FeatureFactory } from '../../src/slack/kit/feature.ts';
import { seedWorkspace, startTestApp, TEAM, type TestApp } from '../support/app-harness.ts';
import { validateView } from '../support/block-kit-limits.ts';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack.ts';
import { lastModal, query, stateFor, submitModal, type Typed } from '../support/plans-e2e.ts';
import { waitUntil } from '../support/rituals.ts';

const ALICE = 'U0ALICE'; // an admin
const BOB = 'U0BOB';
const CAROL = 'U0CAROL'; // leaves the workspace
const DAVE = 'U0DAVE';
type Obj = Record<string, unknown>;

/** A test-only kind, so a DM can be planned for Bob through the outbox like any feature's. */
const nudges: FeatureFactory<Deps> = () => ({ name: 'nudges', outboxKinds: [prerenderedKind('x.nudge')] });

/**
 * delete-my-data through Slack: the confirmation lists what is stored, a cancel or an unticked box
 * changes nothing, the erase leaves no row of the member in any table (found by introspection, so
 * a new table cannot hide), planned DMs never go out, others' data stays, and the audit keeps who
 * erased whom and when — with admins allowed to erase only members who left.
 */
describe('delete-my-data', () => {
  let fake: FakeSlack;
  let app: TestApp;

  const modalOf = async (callbackId: string) => {
    await fake.waitFor(() => fake.callsTo('views.open').length === 1);
    const view = lastModal(fake, callbackId);
    expect(validateView(view)).toEqual([]);
    return view;
  };
  const form = async (userId: string, command: string, callbackId: string, typed: Record<string, Typed>) => {
    fake.reset();
    await app.slack.slashCommand({ teamId: TEAM, userId, text: command });
    await submitModal(app, TEAM, userId, await modalOf(callbackId), typed);
  };

  /** A member's plan, portfolio, readiness evidence, contribution, availability — through Slack. */
  const seedMember = async (userId: string) => {
    await form(userId, 'goal', 'plans_goal', {
      track: { option: 'ic' },
      destination: `Grow ${userId}`,
      horizonYears: '3',
      currentLevel: { option: 'L4' },
      targetLevel: { option: 'L5' },
    });
    await form(userId, 'milestone add', 'plans_milestone_add', {
      kind: { option: 'delivery' },
      title: `Ship it ${userId}`,
      dueDate: { date: '2026-12-01' },
    });
    await form(userId, 'okr add', 'plans_okr_add', {
      objective: `Objective ${userId}`,
      kr1_title: 'Migrate',
      kr1_kind: { option: 'percent' },
    });
    await app.slack.slashCommand({ teamId: TEAM, userId, text: 'okr progress 1 40' });
    await form(userId, 'portfolio add', 'portfolio_add', {
      kind: { option: 'mentoring_note' },
      title: `Mentored someone ${userId}`,
      impact: 'They shipped alone.',
    });
    const [artifact] = await query<{ id: string }>(
      app,
      'SELECT id FROM portfolio_artifacts WHERE user_id = $1',
      [userId],
    );
    fake.reset();
    await app.slack.blockActions({
      teamId: TEAM,
      userId,
      actions: [{ action_id: 'readiness_link:mentored', value: 'ic:mentored' }],
    });
    await submitModal(app, TEAM, userId, await modalOf('readiness_link'), {
      evidence: { checked: [String(artifact?.id)] },
    });
    await app.slack.viewSubmission({
      teamId: TEAM,
      userId,
      view: {
        callback_id: 'contribution_log',
        private_metadata: JSON.stringify({ deliveryId: null }),
        state: {
          values: {
            kind: { value: { type: 'static_select', selected_option: { value: 'feature' } } },
            title: { value: { type: 'plain_text_input', value: `Contribution ${userId}` } },
            link: { value: { type: 'url_text_input', value: null } },
            impact: { value: { type: 'plain_text_input', value: 'Customers noticed.' } },
          },
        },
      },
    });
    await app.slack.slashCommand({ teamId: TEAM, userId, text: 'ooo 2030-01-01 2030-01-02' });
    await app.slack.slashCommand({ teamId: TEAM, userId, text: 'pause until 2030-12-31' });
  };

  /** Rows per table that has a user_id column, for one member (found through information_schema). */
  const rowsOf = async (userId: string): Promise<Record<string, number>> => {
    const tables = await query<{ table_name: string }>(
      app,
      `SELECT table_name FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name = 'user_id' ORDER BY table_name`,
    );
    const out: Record<string, number> = {};
    for (const { table_name } of tables) {
      const [row] = await query<{ n: number }>(
        app,
        `SELECT count(*)::int AS n FROM "${table_name}" WHERE user_id = $1`,
        [userId],
      );
      out[table_name] = row?.n ?? 0;
    }
    return out;
  };

  /** Every text or JSON value anywhere that still mentions the member (the audit aside). */
  const mentionsOf = async (userId: string): Promise<string[]> => {
    const columns = await query<{ table_name: string; column_name: string }>(
      app,
      `SELECT c.table_name, c.column_name FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
          AND c.data_type IN ('text', 'character varying', 'jsonb', 'json')
          AND c.table_name <> 'erasure_audit'`,
    );
    const found: string[] = [];
    for (const { table_name, column_name } of columns) {
      const [row] = await query<{ n: number }>(
        app,
        `SELECT count(*)::int AS n FROM "${table_name}" WHERE "${column_name}"::text LIKE $1`,
        [`%${userId}%`],
      );
      if ((row?.n ?? 0) > 0) found.push(`${table_name}.${column_name}`);
    }
    return found;
  };

  beforeAll(async () => {
    fake = await startFakeSlack();
    seedWorkspace(fake);
    fake.addUser({ teamId: TEAM, userId: CAROL, name: 'carol', tz: 'Asia/Kolkata' });
    fake.addUser({ teamId: TEAM, userId: DAVE, name: 'dave', tz: 'Europe/Berlin' });
    app = await startTestApp({
      fake,
      clock: fixedClock(new Date('2026-09-01T12:00:00Z')),
      features: [nudges],
    });
    for (const userId of [ALICE, BOB, CAROL]) await seedMember(userId);
  }, 60_000);
  afterAll(async () => {
    await app?.cleanup();
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  it('the confirmation lists what is stored; a cancel or an unticked box changes nothing', async () => {
    const before = await rowsOf(BOB);
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
    const view = await modalOf('privacy_erase_confirm');
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
    expect(await rowsOf(BOB)).toEqual(before);

    const unticked = await submitModal(app, TEAM, BOB, view, {});
    expect(unticked.json()).toMatchObject({
      response_action: 'errors',
      errors: { confirm: expect.stringContaining('Nothing was erased') },
    });
    expect(await rowsOf(BOB)).toEqual(before);
    expect(await query(app, 'SELECT * FROM erasure_audit')).toEqual([]);
  });

  it('erases everything about the member in every table, cancels planned DMs, keeps others, audits without content', async () => {
    const aliceBefore = await rowsOf(ALICE);
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
    const view = await modalOf('privacy_erase_confirm');
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
    const after = await rowsOf(BOB);
    expect(Object.keys(after).length).toBeGreaterThanOrEqual(12);
    expect(Object.entries(after).filter(([, n]) => n > 0)).toEqual([]);
    // …and, stricter, no text or JSON value anywhere names Bob (the audit aside).
    expect(await mentionsOf(BOB)).toEqual([]);
    // Alice's data is untouched.
    expect(await rowsOf(ALICE)).toEqual({ ...aliceBefore, outbox: (aliceBefore.outbox ?? 0) + 1 });

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
    expect((await rowsOf(BOB)).members).toBe(0);

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

  it('admins erase a member who left; non-admins and erasing an active member are refused, on submit too', async () => {
    /** The ephemeral answer: in the acknowledgement, or (after ack) through response_url. */
    const reply = async (userId: string, text: string) => {
      fake.reset();
      const res = await app.slack.slashCommand({ teamId: TEAM, userId, text });
      const inAck = (res.json() as { text?: string } | undefined)?.text;
      if (inAck) return inAck;
      await fake.waitFor(() => fake.responseUrlPosts().length === 1);
      return String(fake.responseUrlPosts()[0]?.body.text);
    };
    expect(await reply(ALICE, 'delete-my-data everyone')).toContain("I can't read `everyone`");
    expect(await reply(DAVE, `delete-my-data <@${CAROL}|carol>`)).toContain('Only workspace admins');
    expect(await reply(ALICE, `delete-my-data <@${DAVE}|dave>`)).toContain('still an active member');

    // Carol leaves the workspace.
    fake.addUser({ teamId: TEAM, userId: CAROL, name: 'carol', tz: 'Asia/Kolkata', deleted: true });
    const carolBefore = await rowsOf(CAROL);
    fake.reset();
    await app.slack.slashCommand({ teamId: TEAM, userId: ALICE, text: `delete-my-data <@${CAROL}|carol>` });
    const view = await modalOf('privacy_erase_confirm');
    expect(JSON.stringify(view.blocks)).toContain(`everything careerplan holds about <@${CAROL}>`);
    expect(JSON.stringify(view.blocks)).toContain('2 portfolio artifacts');

    // The same confirmation submitted by a non-admin: refused, nothing erased.
    const forged = await app.slack.viewSubmission({
      teamId: TEAM,
      userId: DAVE,
      view: {
        callback_id: 'privacy_erase_confirm',
        private_metadata: String(view.private_metadata),
        blocks: view.blocks,
        state: stateFor(view, { confirm: { checked: ['erase'] } }),
      },
    });
    expect(forged.json()).toMatchObject({
      response_action: 'errors',
      errors: { confirm: expect.stringContaining('Only workspace admins') },
    });
    expect(await rowsOf(CAROL)).toEqual(carolBefore);

    const res = await submitModal(app, TEAM, ALICE, view, { confirm: { checked: ['erase'] } });
    expect(JSON.stringify(res.json())).toContain(`The careerplan data of <@${CAROL}> is erased.`);
    expect(Object.entries(await rowsOf(CAROL)).filter(([, n]) => n > 0)).toEqual([]);
    expect(await mentionsOf(CAROL)).toEqual([]);
    const audit = await query<{ subject_id: string; actor_id: string; by_admin: boolean }>(
      app,
      'SELECT subject_id, actor_id, by_admin FROM erasure_audit WHERE subject_id = $1',
      [CAROL],
    );
    expect(audit).toEqual([{ subject_id: CAROL, actor_id: ALICE, by_admin: true }]);
    // Alice's own data is still there.
    expect((await rowsOf(ALICE)).north_stars).toBe(1);
  });
});
