import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import { startTestApp, type TestApp } from '../support/app-harness.ts';
import { homeText, lastModal, query, submitModal } from '../support/plans-e2e.ts';

const A = 'T0AAAA';
const B = 'T0BBBB';
const ANNA = 'U0ANNA'; // installed the app in A (not a workspace admin)
const BOB = 'U0BOB'; // a plain member of A
// The same user id in workspace B: team scoping, not user ids alone, must keep plans apart.
const ANNA_IN_B = 'U0ANNA';

async function install(app: TestApp, code: string): Promise<void> {
  const start = await fetch(`${app.baseUrl}/slack/install`, { redirect: 'manual' });
  const state = new URL(start.headers.get('location') ?? '').searchParams.get('state') ?? '';
  const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const done = await fetch(
    `${app.baseUrl}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`,
    {
      headers: { cookie },
      redirect: 'manual',
    },
  );
  expect(done.status).toBeLessThan(400);
}

describe('one member never sees or edits another member’s plan', () => {
  let fake: FakeSlack;
  let app: TestApp;
  let milestoneId = '';
  let objectiveId = '';
  let keyResultId = '';

  const snapshot = () =>
    Promise.all([
      query(app, 'select id, status, title from milestones order by id'),
      query(app, 'select id, title, archived_at from objectives order by id'),
      query(app, 'select id, title, current_value, archived_at from key_results order by id'),
      query(app, 'select id from key_result_checkins order by id'),
    ]);

  beforeAll(async () => {
    fake = await startFakeSlack();
    app = await startTestApp({
      fake,
      clock: fixedClock(new Date('2026-08-14T15:00:00Z')),
      env: {
        SLACK_BOT_TOKEN: '',
        SLACK_CLIENT_ID: '111.222',
        SLACK_CLIENT_SECRET: 'client-secret',
        SLACK_STATE_SECRET: 'state-secret-for-tests',
        TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      },
    });
    fake.setOAuthInstall('code-a', { teamId: A, botToken: 'xoxb-team-a', installerUserId: ANNA });
    fake.setOAuthInstall('code-b', { teamId: B, botToken: 'xoxb-team-b', installerUserId: 'U0BEN' });
    fake.addUser({ teamId: A, userId: ANNA, name: 'anna', tz: 'Europe/Berlin' });
    fake.addUser({ teamId: A, userId: BOB, name: 'bob', tz: 'Europe/London' });
    fake.addUser({ teamId: B, userId: ANNA_IN_B, name: 'other-anna', tz: 'Asia/Tokyo' });
    await install(app, 'code-a');
    await install(app, 'code-b');

    // Anna's plan in workspace A: one milestone and one objective with a key result.
    await app.slack.slashCommand({ teamId: A, userId: ANNA, text: 'milestone add' });
    await fake.waitFor(() => fake.callsTo('views.open').length === 1);
    await submitModal(app, A, ANNA, lastModal(fake, 'plans_milestone_add'), {
      kind: { option: 'delivery' },
      title: 'Anna ships the ledger',
      dueDate: { date: '2026-12-01' },
    });
    await app.slack.slashCommand({ teamId: A, userId: ANNA, text: 'okr add' });
    await fake.waitFor(() => fake.callsTo('views.open').length === 2);
    await submitModal(app, A, ANNA, lastModal(fake, 'plans_okr_add'), {
      objective: 'Anna makes the ledger reliable',
      kr1_title: 'Anna cuts incidents',
      kr1_kind: { option: 'percent' },
    });
    const [m] = await query<{ id: string }>(app, 'select id from milestones');
    const [o] = await query<{ id: string }>(app, 'select id from objectives');
    const [k] = await query<{ id: string }>(app, 'select id from key_results');
    milestoneId = m?.id ?? '';
    objectiveId = o?.id ?? '';
    keyResultId = k?.id ?? '';
    expect([milestoneId, objectiveId, keyResultId].every(Boolean)).toBe(true);
  });
  afterAll(async () => {
    await app?.cleanup();
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  const refusals = [
    [A, BOB, 'a member of the same workspace'],
    [B, ANNA_IN_B, 'the same user id in another workspace'],
  ] as const;

  it.each(refusals)('buttons on Anna’s records are refused for %s/%s (%s)', async (team, user) => {
    const before = await snapshot();
    const clicks = [
      { action_id: `plans_ms_done:${milestoneId}`, value: milestoneId },
      { action_id: `plans_ms_drop:${milestoneId}`, value: milestoneId },
      {
        action_id: `plans_kr_menu:${keyResultId}`,
        type: 'overflow',
        selected_option: { value: `archive:${keyResultId}` },
      },
      {
        action_id: `plans_kr_menu:${keyResultId}`,
        type: 'overflow',
        selected_option: { value: `checkin:${keyResultId}` },
      },
      {
        action_id: `plans_obj_menu:${objectiveId}`,
        type: 'overflow',
        selected_option: { value: `archive:${objectiveId}` },
      },
      {
        action_id: `plans_obj_menu:${objectiveId}`,
        type: 'overflow',
        selected_option: { value: `edit:${objectiveId}` },
      },
    ];
    for (const [i, action] of clicks.entries()) {
      await app.slack.blockActions({ teamId: team, userId: user, actions: [action] });
      await fake.waitFor(() => fake.responseUrlPosts().length === i + 1);
      const post = fake.responseUrlPosts()[i]?.body ?? {};
      expect(post.replace_original).toBe(false);
      expect(String(post.text)).toContain('is not in your plan');
      expect(JSON.stringify(post)).not.toContain('Anna');
    }
    // A click from App Home (no message to answer) gets a notice modal instead.
    await app.slack.blockActions({
      teamId: team,
      userId: user,
      view: { type: 'home', callback_id: '' },
      actions: [
        {
          action_id: `plans_ms_menu:${milestoneId}`,
          type: 'overflow',
          selected_option: { value: `done:${milestoneId}` },
        },
      ],
    });
    await fake.waitFor(() => fake.callsTo('views.open').length === 1);
    expect(JSON.stringify(fake.callsTo('views.open')[0]?.params.view)).toContain('is not in your plan');
    expect(await snapshot()).toEqual(before);
    expect(fake.violations).toEqual([]);
  });

  it.each(refusals)(
    'forged form submissions on Anna’s records are refused for %s/%s (%s)',
    async (team, user) => {
      const before = await snapshot();
      const forms = [
        {
          callback_id: 'plans_checkin',
          private_metadata: JSON.stringify({ keyResultId }),
          values: { value: { value: { type: 'plain_text_input', value: '99' } } },
          block: 'value',
        },
        {
          callback_id: 'plans_kr_edit',
          private_metadata: JSON.stringify({ keyResultId }),
          values: { title: { title: { type: 'plain_text_input', value: 'Hijacked' } } },
          block: 'title',
        },
        {
          callback_id: 'plans_objective_edit',
          private_metadata: JSON.stringify({ objectiveId }),
          values: { objective: { objective: { type: 'plain_text_input', value: 'Hijacked' } } },
          block: 'objective',
        },
        {
          callback_id: 'plans_kr_add',
          private_metadata: JSON.stringify({ objectiveId }),
          values: {
            title: { title: { type: 'plain_text_input', value: 'Hijacked' } },
            kind: { kind: { type: 'static_select', selected_option: { value: 'percent' } } },
          },
          block: 'title',
        },
      ];
      for (const form of forms) {
        const res = await app.slack.viewSubmission({
          teamId: team,
          userId: user,
          view: {
            callback_id: form.callback_id,
            private_metadata: form.private_metadata,
            state: { values: form.values },
          },
        });
        expect(res.json()).toMatchObject({
          response_action: 'errors',
          errors: { [form.block]: expect.stringContaining('is not in your plan') },
        });
      }
      const progress = await app.slack.slashCommand({
        teamId: team,
        userId: user,
        text: 'okr progress 1 90',
      });
      expect((progress.json() as { text: string }).text).toContain('no key results this quarter');
      expect(await snapshot()).toEqual(before);
    },
  );

  it.each(refusals)('lists, Home and exports of %s/%s (%s) show none of Anna’s plan', async (team, user) => {
    const okr = await app.slack.slashCommand({ teamId: team, userId: user, text: 'okr' });
    expect(JSON.stringify(okr.json())).not.toContain('Anna');
    const milestones = await app.slack.slashCommand({ teamId: team, userId: user, text: 'milestone' });
    expect(JSON.stringify(milestones.json())).not.toContain('Anna');
    await app.slack.event({
      teamId: team,
      event: { type: 'app_home_opened', user, channel: `D${user}`, tab: 'home' },
    });
    await fake.waitFor(() => fake.callsTo('views.publish').length === 1);
    expect(homeText(fake, team, user)).not.toContain('Anna ');
    await app.slack.slashCommand({ teamId: team, userId: user, text: 'export plan' });
    await fake.waitFor(() => fake.uploadedFiles().length === 1);
    expect(fake.uploadedFiles()[0]?.content).not.toContain('Anna');
    expect(fake.violations).toEqual([]);
  });

  it('Anna still sees her own plan, and as the installer she may edit the ladder', async () => {
    await app.slack.event({
      teamId: A,
      event: { type: 'app_home_opened', user: ANNA, channel: `D${ANNA}`, tab: 'home' },
    });
    await fake.waitFor(() => fake.callsTo('views.publish').length === 1);
    expect(homeText(fake, A, ANNA)).toContain('Anna ships the ledger');
    expect(homeText(fake, A, ANNA)).toContain('Anna makes the ledger reliable');
    await app.slack.slashCommand({ teamId: A, userId: ANNA, text: 'ladder' });
    await fake.waitFor(() => fake.callsTo('views.open').length === 1);
    expect(lastModal(fake, 'plans_ladder')).toBeDefined();
    const bob = await app.slack.slashCommand({ teamId: A, userId: BOB, text: 'ladder edit' });
    expect((bob.json() as { text: string }).text).toContain('Only workspace admins');
  });
});
