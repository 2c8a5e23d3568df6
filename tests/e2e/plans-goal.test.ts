import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import { validateView } from '../../src/sandbox/slack/block-kit-limits.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import { seedWorkspace, startTestApp, TEAM, type TestApp } from '../support/app-harness.ts';
import { homeText, lastModal, query, submitModal } from '../support/plans-e2e.ts';

const GOAL = {
  track: { option: 'staff' },
  destination: 'Lead the architecture of our payments platform',
  horizonYears: '3',
  currentLevel: { option: 'L4' },
  targetLevel: { option: 'L6' },
};

describe('north star and ladder over HTTP', () => {
  let fake: FakeSlack;
  let app: TestApp;

  beforeAll(async () => {
    fake = await startFakeSlack();
    seedWorkspace(fake);
    app = await startTestApp({ fake, clock: fixedClock(new Date('2026-08-14T15:00:00Z')) });
  });
  afterAll(async () => {
    await app?.cleanup();
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  it('/careerplan goal opens the north-star modal with the default ladder L3-L6', async () => {
    const res = await app.slack.slashCommand({ teamId: TEAM, userId: 'U0ALICE', text: 'goal' });
    expect(res.status).toBe(200);
    await fake.waitFor(() => fake.callsTo('views.open').length === 1);
    const view = lastModal(fake, 'plans_goal');
    expect(validateView(view)).toEqual([]);
    const text = JSON.stringify(view);
    for (const code of ['L3', 'L4', 'L5', 'L6']) expect(text).toContain(`"value":"${code}"`);
    expect(fake.violations).toEqual([]);
  });

  it.each([
    ['destination', { destination: '   ' }, 'Describe where you want to be'],
    ['horizonYears', { horizonYears: '7' }, 'from 2 to 5'],
    ['horizonYears', { horizonYears: 'soon' }, 'whole number'],
    [
      'targetLevel',
      { currentLevel: { option: 'L5' }, targetLevel: { option: 'L3' } },
      'below your current level',
    ],
    ['destination', { destination: 'x'.repeat(501) }, '500 characters'],
  ])('an invalid %s comes back as a field error and nothing is stored', async (field, change, message) => {
    await app.slack.slashCommand({ teamId: TEAM, userId: 'U0BOB', text: 'goal' });
    await fake.waitFor(() => fake.callsTo('views.open').length === 1);
    const res = await submitModal(app, TEAM, 'U0BOB', lastModal(fake, 'plans_goal'), { ...GOAL, ...change });
    const body = res.json() as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(Object.keys(body.errors)).toEqual([field]);
    expect(body.errors[field]).toContain(message);
    expect(await query(app, 'select * from north_stars where user_id = $1', ['U0BOB'])).toEqual([]);
    expect(fake.callsTo('views.publish')).toEqual([]);
    expect(fake.violations).toEqual([]);
  });

  it('a valid north star is stored, shown on App Home, pre-fills the modal and survives a restart', async () => {
    await app.slack.slashCommand({ teamId: TEAM, userId: 'U0ALICE', text: 'goal' });
    await fake.waitFor(() => fake.callsTo('views.open').length === 1);
    const res = await submitModal(app, TEAM, 'U0ALICE', lastModal(fake, 'plans_goal'), GOAL);
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    await fake.waitFor(() => fake.callsTo('views.publish').length === 1);
    const home = homeText(fake, TEAM, 'U0ALICE');
    expect(home).toContain('Lead the architecture of our payments platform');
    expect(home).toContain('L6 (Staff Software Engineer)');
    expect(home).toContain('Quick start · 1/7 done');
    expect(validateView(fake.homeView(TEAM, 'U0ALICE')?.view)).toEqual([]);

    await app.stop();
    await app.restart();
    fake.reset();
    await app.slack.slashCommand({ teamId: TEAM, userId: 'U0ALICE', text: 'goal' });
    await fake.waitFor(() => fake.callsTo('views.open').length === 1);
    const view = lastModal(fake, 'plans_goal');
    expect(view.title).toMatchObject({ text: 'Edit your north star' });
    const text = JSON.stringify(view);
    expect(text).toContain('"initial_value":"Lead the architecture of our payments platform"');
    expect(text).toContain(
      '"initial_option":{"text":{"type":"plain_text","text":"L6 — Staff Software Engineer"}',
    );
    expect(text).toContain('"initial_value":"3"');

    await app.slack.event({
      teamId: TEAM,
      event: { type: 'app_home_opened', user: 'U0ALICE', channel: 'DU0ALICE', tab: 'home' },
    });
    await fake.waitFor(() => fake.callsTo('views.publish').length === 1);
    expect(homeText(fake, TEAM, 'U0ALICE')).toContain('Lead the architecture');
    expect(homeText(fake, TEAM, 'U0ALICE')).toContain('America/New_York');
    expect(fake.violations).toEqual([]);
  });

  it('goal with arguments gets a specific error with an example', async () => {
    const res = await app.slack.slashCommand({ teamId: TEAM, userId: 'U0ALICE', text: 'goal staff' });
    const body = res.json() as { text: string };
    expect(body.text).toContain('`/careerplan goal` takes no arguments');
  });

  it('non-admins see the ladder read-only; admins edit it in a modal; a forged edit is refused', async () => {
    const bob = await app.slack.slashCommand({ teamId: TEAM, userId: 'U0BOB', text: 'ladder' });
    const bobBody = bob.json() as { response_type: string; blocks: unknown[] };
    expect(bobBody.response_type).toBe('ephemeral');
    const bobText = JSON.stringify(bobBody.blocks);
    expect(bobText).toContain('Senior Software Engineer');
    expect(bobText).toContain('Only workspace admins');
    expect(bobText).not.toContain('plans_open_ladder');
    expect(fake.callsTo('views.open')).toEqual([]);

    await app.slack.slashCommand({ teamId: TEAM, userId: 'U0ALICE', text: 'ladder' });
    await fake.waitFor(() => fake.callsTo('views.open').length === 1);
    const modal = lastModal(fake, 'plans_ladder');
    expect(validateView(modal)).toEqual([]);

    const edited = {
      level_0_code: 'L3',
      level_0_title: 'Engineer',
      level_1_code: 'l4',
      level_1_title: 'Engineer II',
      level_2_code: 'L5',
      level_2_title: 'Senior Engineer',
      level_3_code: 'L6',
      level_3_title: 'Staff Engineer',
      level_4_code: 'L7',
      level_4_title: 'Principal Engineer',
      level_4_summary: 'Shapes the technical strategy of the company.',
    };
    const forged = await submitModal(app, TEAM, 'U0BOB', modal, edited);
    expect(forged.json()).toMatchObject({
      response_action: 'errors',
      errors: { level_0_code: expect.stringContaining('Only workspace admins') },
    });

    const duplicate = await submitModal(app, TEAM, 'U0ALICE', modal, { ...edited, level_4_code: 'L5' });
    expect(duplicate.json()).toMatchObject({
      response_action: 'errors',
      errors: { level_4_code: expect.stringContaining('used twice') },
    });
    const noTitle = await submitModal(app, TEAM, 'U0ALICE', modal, { ...edited, level_4_title: '' });
    expect(noTitle.json()).toMatchObject({
      response_action: 'errors',
      errors: { level_4_title: expect.any(String) },
    });
    expect(
      (await query(app, 'select code from ladder_levels where team_id = $1 order by position', [TEAM])).map(
        (r) => r.code,
      ),
    ).toEqual(['L3', 'L4', 'L5', 'L6']);

    const ok = await submitModal(app, TEAM, 'U0ALICE', modal, edited);
    expect(ok.body).toBe('');
    const levels = await query<{ code: string; title: string }>(
      app,
      'select code, title from ladder_levels where team_id = $1 order by position',
      [TEAM],
    );
    expect(levels.map((l) => l.code)).toEqual(['L3', 'L4', 'L5', 'L6', 'L7']);
    const after = await app.slack.slashCommand({ teamId: TEAM, userId: 'U0BOB', text: 'ladder' });
    expect(JSON.stringify(after.json())).toContain('Principal Engineer');
    expect(fake.violations).toEqual([]);
  });
});
