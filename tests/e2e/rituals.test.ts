import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateView } from '../../src/sandbox/slack/block-kit-limits.ts';
import { type FakeSlack, type FakeSlackMessage, startFakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import { seedWorkspace, startTestApp, TEAM, type TestApp } from '../support/app-harness.ts';
import { lastModal, submitModal, type Typed } from '../support/plans-e2e.ts';
import { waitUntil } from '../support/rituals.ts';
import { answerOf } from '../support/team-rituals.ts';

const CHANNEL = 'C0RITUALS';
const PRIVATE = 'G0SECRET';

function text(res: { json(): unknown }): string {
  return JSON.stringify(res.json());
}

/** The reminder DM a member got, and its buttons' value. */
function reminderOf(fake: FakeSlack, userId: string): { message: FakeSlackMessage; value: string } {
  const message = fake
    .messages(`D${userId}`)
    .find((m) => (m.metadata as { event_type?: string })?.event_type === 'careerplan_delivery');
  if (!message) throw new Error(`no reminder for ${userId}`);
  const value = /"value":"(\d+:\d+)"/.exec(JSON.stringify(message.blocks))?.[1];
  if (!value) throw new Error('reminder without button value');
  return { message, value };
}

describe('rituals and reminders over HTTP', () => {
  let fake: FakeSlack;
  let app: TestApp;
  let db: pg.Client;
  const slash = (userId: string, commandText: string) =>
    app.slack.slashCommand({ teamId: TEAM, userId, text: commandText });

  beforeAll(async () => {
    fake = await startFakeSlack();
    seedWorkspace(fake);
    fake.addUser({ teamId: TEAM, userId: 'U0CAROL', name: 'carol', tz: 'Asia/Kolkata' });
    fake.addUser({ teamId: TEAM, userId: 'U0ROBOT', name: 'robot', isBot: true });
    fake.addChannel({
      teamId: TEAM,
      channelId: CHANNEL,
      name: 'eng',
      members: ['U0ALICE', 'U0BOB', 'U0CAROL', 'U0ROBOT'],
    });
    fake.addChannel({
      teamId: TEAM,
      channelId: PRIVATE,
      name: 'secret',
      members: ['U0ALICE'],
      isPrivate: true,
    });
    app = await startTestApp({ fake });
    db = new pg.Client({ connectionString: app.database.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await app?.cleanup();
    await fake?.close();
  });

  it('`ritual list` works as a workspace’s very first command', async () => {
    const res = await app.slack.slashCommand({
      teamId: 'T0FIRSTCMD',
      userId: 'U0ALICE',
      text: 'ritual list',
    });
    expect(text(res)).toContain('Monthly contribution');
    expect(text(res)).not.toContain('Something went wrong');
  });

  it('refuses admin subcommands to non-admins and explains how to set up a ritual without a channel', async () => {
    expect(text(await slash('U0BOB', 'ritual run contribution'))).toContain('Only workspace admins');
    expect(text(await slash('U0BOB', 'team'))).toContain('Only workspace admins');
    expect(text(await slash('U0ALICE', 'ritual run contribution'))).toContain('/careerplan ritual setup');
    expect(text(await slash('U0ALICE', 'ritual run standup'))).toContain('`standup` is not a ritual');
    expect(text(await slash('U0ALICE', 'ritual run learning-hour'))).toContain('has no channel yet');
    expect(text(await slash('U0BOB', 'ritual list'))).toContain('no channel yet');
  });

  it('ritual setup uses Block Kit pickers, validates in place, joins the channel, then saves and introduces', async () => {
    fake.reset();
    const res = await slash('U0ALICE', 'ritual setup contribution');
    expect(res.status).toBe(200);
    await fake.waitFor(() => fake.callsTo('views.open').length === 1);
    const view = lastModal(fake, 'ritual_setup');
    expect(validateView(view)).toEqual([]);
    const elements = JSON.stringify(view.blocks);
    for (const type of ['conversations_select', 'static_select', 'datepicker', 'timepicker', 'checkboxes'])
      expect(elements).toContain(`"type":"${type}"`);
    // A per-member DM ritual has no channel time zone to pick.
    expect(elements).not.toContain('"block_id":"time_zone"');
    const submit = (typed: Record<string, Typed>) => submitModal(app, TEAM, 'U0ALICE', view, typed);

    const noDay = (await submit({ channel: CHANNEL, frequency: 'monthly_day' })).json() as {
      errors: Record<string, string>;
    };
    expect(Object.keys(noDay.errors)).toEqual(['day']);
    const noWeek = (
      await submit({ channel: CHANNEL, frequency: 'monthly_nth_weekday', weekday: '5' })
    ).json() as {
      errors: Record<string, string>;
    };
    expect(Object.keys(noWeek.errors)).toEqual(['nth']);
    // A private channel the bot is not in: how to invite it, and nothing stored.
    const closed = (await submit({ channel: PRIVATE, frequency: 'monthly_first_workday' })).json() as {
      errors: Record<string, string>;
    };
    expect(closed.errors.channel).toContain('/invite @careerplan');
    expect(fake.callsTo('conversations.join')).toHaveLength(0);
    expect((await db.query('SELECT channel_id FROM rituals WHERE channel_id IS NOT NULL')).rows).toEqual([]);

    const ok = await submit({ channel: CHANNEL, frequency: 'monthly_first_workday', time: '09:30' });
    expect(ok.status).toBe(200);
    expect(ok.body).toBe('');
    // The bot joined the public channel before the setup was stored.
    expect(fake.callsTo('conversations.join').map((c) => c.params.channel)).toEqual([CHANNEL]);
    const row = (
      await db.query('SELECT channel_id, local_time, cadence FROM rituals WHERE name = $1 AND team_id = $2', [
        'contribution',
        TEAM,
      ])
    ).rows[0];
    expect(row).toMatchObject({
      channel_id: CHANNEL,
      local_time: '09:30',
      cadence: { kind: 'monthly_first_workday' },
    });
    // The introduction goes to the channel through the outbox, once.
    await fake.waitFor(
      () => fake.messages(CHANNEL).some((m) => m.text?.includes('now runs in this channel')),
      10_000,
    );
    const intro = fake.messages(CHANNEL).filter((m) => m.text?.includes('now runs in this channel'));
    expect(intro).toHaveLength(1);
    expect(intro[0]?.text).toContain('/careerplan pause');
    expect(intro[0]?.text).toContain('the first work day of the month at 09:30');
    expect(text(await slash('U0BOB', 'ritual list'))).toContain(`<#${CHANNEL}>`);

    // The learning hour: a weekly day, a time and a zone from the pickers; no introduction.
    fake.reset();
    await slash('U0ALICE', 'ritual setup learning-hour');
    await fake.waitFor(() => fake.callsTo('views.open').length === 1);
    const lh = lastModal(fake, 'ritual_setup');
    expect(JSON.stringify(lh.blocks)).toContain('Team default (UTC)');
    const saved = await submitModal(app, TEAM, 'U0ALICE', lh, {
      channel: CHANNEL,
      frequency: 'weekly',
      weekday: '2',
      time: '15:45',
      time_zone: 'Europe/Berlin',
      intro: { checked: [] },
    });
    expect(saved.status).toBe(200);
    const learning = (
      await db.query('SELECT cadence, local_time, time_zone FROM rituals WHERE name = $1 AND team_id = $2', [
        'learning-hour',
        TEAM,
      ])
    ).rows[0];
    expect(learning).toEqual({
      cadence: { kind: 'weekly', weekday: 2 },
      local_time: '15:45',
      time_zone: 'Europe/Berlin',
    });
    // Already a member now: no second join, and no introduction was asked for.
    expect(fake.callsTo('conversations.join')).toHaveLength(0);
    expect(fake.callsTo('chat.postMessage').every((c) => c.params.channel !== CHANNEL)).toBe(true);
    await slash('U0ALICE', 'ritual pause learning-hour');

    // A paused ritual is not run; the admin is told how to resume it.
    expect(text(await slash('U0ALICE', 'ritual pause contribution'))).toContain('paused');
    expect(text(await slash('U0ALICE', 'ritual run contribution'))).toContain('resume it first');
    expect(text(await slash('U0ALICE', 'ritual resume contribution'))).toContain('running again');
    expect(fake.violations).toEqual([]);
  });

  it('ritual run reaches every human in the channel once; buttons log, snooze and skip', async () => {
    fake.reset();
    expect(text(await slash('U0ALICE', 'ritual run contribution'))).toContain('Running');
    await fake.waitFor(
      () => ['U0ALICE', 'U0BOB', 'U0CAROL'].every((u) => fake.messages(`D${u}`).length === 1),
      15_000,
    );
    expect(fake.messages('DU0ROBOT')).toEqual([]);

    // Bob logs a contribution from his reminder; an invalid submission stores nothing.
    const bob = reminderOf(fake, 'U0BOB');
    await app.slack.blockActions({
      teamId: TEAM,
      userId: 'U0BOB',
      actions: [{ action_id: 'reminder_do_now', value: bob.value }],
      container: { type: 'message', channel_id: 'DU0BOB', message_ts: bob.message.ts },
    });
    await fake.waitFor(() => fake.callsTo('views.open').length === 1);
    const modal = fake.callsTo('views.open')[0]?.params.view as {
      callback_id: string;
      private_metadata: string;
    };
    const contribution = (title: string) =>
      app.slack.viewSubmission({
        teamId: TEAM,
        userId: 'U0BOB',
        view: {
          callback_id: modal.callback_id,
          private_metadata: modal.private_metadata,
          state: {
            values: {
              kind: { value: { type: 'static_select', selected_option: { value: 'hotfix_with_tests' } } },
              title: { value: { type: 'plain_text_input', value: title } },
              link: { value: { type: 'url_text_input', value: 'https://git.example.com/pr/42' } },
              impact: { value: { type: 'plain_text_input', value: 'Checkout errors went from 2% to 0.' } },
            },
          },
        },
      });
    expect((await contribution('   ')).json()).toMatchObject({
      response_action: 'errors',
      errors: { title: expect.any(String) },
    });
    expect((await db.query('SELECT * FROM portfolio_artifacts')).rows).toEqual([]);
    expect((await contribution('Fix double charge on retry')).status).toBe(200);
    const artifact = (
      await db.query('SELECT user_id, kind, title, source, delivery_id FROM portfolio_artifacts')
    ).rows;
    expect(artifact).toMatchObject([
      {
        user_id: 'U0BOB',
        kind: 'hotfix_with_tests',
        title: 'Fix double charge on retry',
        source: 'contribution',
      },
    ]);
    await fake.waitFor(() => fake.callsTo('chat.update').length === 1);
    expect(JSON.stringify(fake.callsTo('chat.update')[0]?.params)).toContain('Logged');
    const bobStatus = (await db.query("SELECT status FROM outbox WHERE user_id = 'U0BOB'")).rows[0];
    expect(bobStatus?.status).toBe('done');
    expect(text(await slash('U0BOB', 'contributions'))).toContain('Fix double charge on retry');

    // Carol cannot press Alice's buttons.
    const alice = reminderOf(fake, 'U0ALICE');
    await app.slack.blockActions({
      teamId: TEAM,
      userId: 'U0CAROL',
      actions: [{ action_id: 'reminder_skip', value: alice.value }],
    });
    await fake.waitFor(() =>
      fake.responseUrlPosts().some((p) => JSON.stringify(p.body).includes('not yours')),
    );
    expect((await db.query("SELECT status FROM outbox WHERE user_id = 'U0ALICE'")).rows[0]?.status).toBe(
      'sent',
    );

    // Alice snoozes for an hour: a second round, handed to Slack to show in an hour (schedule ahead).
    await app.slack.blockActions({
      teamId: TEAM,
      userId: 'U0ALICE',
      actions: [{ action_id: 'reminder_snooze_1h', value: alice.value }],
      container: { type: 'message', channel_id: 'DU0ALICE', message_ts: alice.message.ts },
    });
    await waitUntil(
      async () => {
        const row = (await db.query("SELECT round, status FROM outbox WHERE user_id = 'U0ALICE'")).rows[0];
        return row?.round === 2 && row?.status === 'scheduled';
      },
      10_000,
      'round 2 scheduled with Slack',
    );
    const snoozed = (await db.query("SELECT due_at FROM outbox WHERE user_id = 'U0ALICE'")).rows[0] as {
      due_at: Date;
    };
    expect(Math.abs(snoozed.due_at.getTime() - Date.now() - 3600_000)).toBeLessThan(60_000);
    const held = fake.scheduledMessages('DU0ALICE');
    expect(held.map((m) => m.postAt)).toEqual([Math.ceil(snoozed.due_at.getTime() / 1000)]);
    // One message so far: the first round's, now saying it was snoozed.
    expect(fake.messages('DU0ALICE')).toHaveLength(1);

    // Carol skips hers.
    const carol = reminderOf(fake, 'U0CAROL');
    await app.slack.blockActions({
      teamId: TEAM,
      userId: 'U0CAROL',
      actions: [{ action_id: 'reminder_skip', value: carol.value }],
      container: { type: 'message', channel_id: 'DU0CAROL', message_ts: carol.message.ts },
    });
    await waitUntil(
      async () =>
        (await db.query("SELECT skip_reason FROM outbox WHERE user_id = 'U0CAROL'")).rows[0]?.skip_reason ===
        'member_skipped',
      5000,
      'skip',
    );
    expect(fake.violations).toEqual([]);
  });

  it('pause, resume and ooo validate their arguments and change only the member', async () => {
    expect(text(await slash('U0BOB', 'pause until tomorrow'))).toContain('is not a date');
    expect(text(await slash('U0BOB', 'pause until 2020-01-01'))).toContain('in the past');
    expect(text(await slash('U0BOB', 'pause until 2099-01-01'))).toContain('at most a year');
    expect(text(await slash('U0BOB', 'pause'))).toContain('paused until you type');
    expect(
      (await db.query("SELECT paused_until FROM members WHERE user_id = 'U0BOB'")).rows[0]?.paused_until,
    ).toBe('infinity');
    expect(
      (await db.query("SELECT paused_until FROM members WHERE user_id = 'U0ALICE'")).rows[0]?.paused_until,
    ).toBeNull();
    expect(text(await slash('U0BOB', 'resume'))).toContain('back on');
    expect(
      (await db.query("SELECT paused_until FROM members WHERE user_id = 'U0BOB'")).rows[0]?.paused_until,
    ).toBeNull();
    expect(text(await slash('U0BOB', 'ooo 2099-01-10'))).toContain('needs a first and a last day');
    expect(text(await slash('U0BOB', 'ooo 2099-01-10 2099-01-01'))).toContain('before the first');
    expect(text(await slash('U0BOB', 'ooo 2099-01-01 2099-01-10'))).toContain('Out of office 2099-01-01');
    expect((await db.query('SELECT user_id, from_day, to_day FROM member_ooo')).rows).toEqual([
      { user_id: 'U0BOB', from_day: '2099-01-01', to_day: '2099-01-10' },
    ]);
  });

  it('a paused member is skipped by the next run, with the reason recorded', async () => {
    fake.reset();
    await slash('U0CAROL', 'pause');
    await slash('U0ALICE', 'ritual run contribution');
    await waitUntil(
      async () =>
        (
          await db.query(
            "SELECT count(*)::int AS n FROM outbox WHERE status IN ('sent','skipped') AND occurrence_id = (SELECT max(id) FROM ritual_occurrences)",
          )
        ).rows[0]?.n === 3,
      15_000,
      'second run finished',
    );
    const reasons = (
      await db.query(
        'SELECT d.user_id, d.status, d.skip_reason FROM outbox d JOIN ritual_occurrences o ON o.id = d.occurrence_id WHERE o.id = (SELECT max(id) FROM ritual_occurrences) ORDER BY d.user_id',
      )
    ).rows;
    expect(reasons).toEqual([
      { user_id: 'U0ALICE', status: 'sent', skip_reason: null },
      { user_id: 'U0BOB', status: 'sent', skip_reason: null },
      { user_id: 'U0CAROL', status: 'skipped', skip_reason: 'paused' },
    ]);
    // Admins see the last occurrence's counts and the next one in the channel's zone.
    expect(text(await slash('U0BOB', 'ritual status contribution'))).toContain('Only workspace admins');
    expect(text(await slash('U0ALICE', 'ritual status retro'))).toContain('`retro` is not a ritual');
    const status = await answerOf(fake, await slash('U0ALICE', 'ritual status contribution'));
    expect(status).toContain('sent 2 · skipped 1 (paused: 1) · failed 0');
    expect(status).toContain('(run by hand)');
    expect(status).toMatch(/\*Next:\* \d{4}-\d{2}-\d{2} at 09:30/);
    await slash('U0CAROL', 'resume');
  });

  it('team settings: admins only, validated in place, saved', async () => {
    fake.reset();
    await slash('U0ALICE', 'team');
    await fake.waitFor(() => fake.callsTo('views.open').length === 1);
    const view = fake.callsTo('views.open')[0]?.params.view as { callback_id: string };
    const submit = (tz: string, holidays: string) =>
      app.slack.viewSubmission({
        teamId: TEAM,
        userId: 'U0ALICE',
        view: {
          callback_id: view.callback_id,
          state: {
            values: {
              work_week: {
                value: {
                  type: 'checkboxes',
                  selected_options: [
                    { value: '7' },
                    { value: '1' },
                    { value: '2' },
                    { value: '3' },
                    { value: '4' },
                  ],
                },
              },
              time_zone: { value: { type: 'plain_text_input', value: tz } },
              holidays: { value: { type: 'plain_text_input', value: holidays } },
            },
          },
        },
      });
    expect((await submit('Mars/Olympus', '')).json()).toMatchObject({
      errors: { time_zone: expect.any(String) },
    });
    expect((await submit('Asia/Jerusalem', 'Christmas')).json()).toMatchObject({
      errors: { holidays: expect.any(String) },
    });
    expect((await submit('Asia/Jerusalem', '2026-12-25 Christmas\n2027-04-22 Passover')).status).toBe(200);
    const workspace = (
      await db.query('SELECT work_week, default_tz FROM workspaces WHERE team_id = $1', [TEAM])
    ).rows[0];
    expect(workspace).toEqual({ work_week: [1, 2, 3, 4, 7], default_tz: 'Asia/Jerusalem' });
    expect((await db.query('SELECT day, name FROM team_holidays ORDER BY day')).rows).toEqual([
      { day: '2026-12-25', name: 'Christmas' },
      { day: '2027-04-22', name: 'Passover' },
    ]);
    expect(fake.violations).toEqual([]);
  });
});
