import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import { validateMessage, validateView } from '../../src/sandbox/slack/block-kit-limits.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import { seedWorkspace, startTestApp, TEAM, type TestApp } from '../support/app-harness.ts';
import { homeText, lastModal, query, submitModal, type Typed } from '../support/plans-e2e.ts';

const ALICE = 'U0ALICE';
const BOB = 'U0BOB';
type Obj = Record<string, unknown>;

/**
 * Promotion readiness over HTTP: the checklist of the member's track and target level, ticked
 * only by linked portfolio evidence (two artifacts where the item needs two), shown in App Home
 * as "n of m, with evidence" with the next missing item; admins edit a track's checklist.
 */
describe('promotion readiness', () => {
  let fake: FakeSlack;
  let app: TestApp;
  const ids: Record<string, string> = {};

  const slash = async (userId: string, text: string) =>
    (await app.slack.slashCommand({ teamId: TEAM, userId, text })).json() as {
      text?: string;
      blocks?: Obj[];
    };

  const addArtifact = async (userId: string, kind: string, title: string) => {
    fake.reset();
    await app.slack.slashCommand({ teamId: TEAM, userId, text: 'portfolio add' });
    await fake.waitFor(() => fake.callsTo('views.open').length === 1);
    await submitModal(app, TEAM, userId, lastModal(fake, 'portfolio_add'), {
      kind: { option: kind },
      title,
      impact: `${title} mattered.`,
    });
    const [row] = await query<{ id: string }>(app, 'SELECT id FROM portfolio_artifacts WHERE title = $1', [
      title,
    ]);
    ids[title] = String(row?.id);
  };

  /** Clicks an item's "Link evidence" in the ephemeral list and picks `titles` in the form. */
  const link = async (userId: string, itemKey: string, titles: string[]) => {
    fake.reset();
    const click = await app.slack.blockActions({
      teamId: TEAM,
      userId,
      actions: [{ action_id: `readiness_link:${itemKey}`, value: `ic:${itemKey}` }],
    });
    await fake.waitFor(() => fake.callsTo('views.open').length === 1);
    const view = lastModal(fake, 'readiness_link');
    expect(validateView(view)).toEqual([]);
    const res = await submitModal(app, TEAM, userId, view, {
      evidence: { checked: titles.map((t) => ids[t] ?? '') },
    });
    return { click, view, res };
  };

  const evidence = () =>
    query<{ user_id: string; item_key: string; artifact_id: string }>(
      app,
      'SELECT user_id, item_key, artifact_id FROM readiness_evidence ORDER BY item_key, artifact_id',
    );

  beforeAll(async () => {
    fake = await startFakeSlack();
    seedWorkspace(fake);
    app = await startTestApp({ fake, clock: fixedClock(new Date('2026-09-01T00:30:00Z')) });
    await app.slack.slashCommand({ teamId: TEAM, userId: ALICE, text: 'goal' });
    await fake.waitFor(() => fake.callsTo('views.open').length === 1);
    await submitModal(app, TEAM, ALICE, lastModal(fake, 'plans_goal'), {
      track: { option: 'ic' },
      destination: 'Lead search relevance',
      horizonYears: '3',
      currentLevel: { option: 'L4' },
      targetLevel: { option: 'L5' },
    });
  });
  afterAll(async () => {
    await app?.cleanup();
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  it("shows the checklist of the member's track and target level, nothing ticked without evidence", async () => {
    const reply = await slash(ALICE, 'readiness');
    expect(validateMessage(reply)).toEqual([]);
    const text = JSON.stringify(reply.blocks);
    expect(text).toContain('Promotion readiness · 0 of 4, with evidence');
    expect(text).toContain('*Individual contributor* track for *L5 · Senior Software Engineer*');
    for (const item of [
      'Led two end-to-end initiatives',
      'Mentored someone',
      'A documented design with a public write-up',
      'One end-to-end feature with observability',
    ]) {
      expect(text).toContain(`:white_large_square: *${item}*`);
    }
    // Without a north star, the individual-contributor list with a pointer to `goal`.
    expect(JSON.stringify((await slash(BOB, 'readiness')).blocks)).toContain('No north star yet');
    expect((await slash(ALICE, 'readiness now')).text).toContain('`/careerplan readiness edit ic`');
  });

  it('an item ticks when linked evidence is enough: one for "mentored", two for "led two initiatives"', async () => {
    await addArtifact(ALICE, 'mentoring_note', 'Paired weekly with Sam');
    await addArtifact(ALICE, 'feature_shipped', 'Search v2');
    await addArtifact(ALICE, 'feature_shipped', 'Billing export');

    const { click } = await link(ALICE, 'mentored', ['Paired weekly with Sam']);
    expect(await evidence()).toEqual([
      { user_id: ALICE, item_key: 'mentored', artifact_id: ids['Paired weekly with Sam'] },
    ]);
    await fake.waitFor(() => fake.responseUrlPosts(click.responseUrl?.split('/').pop()).length === 1);
    const replaced = JSON.stringify(fake.responseUrlPosts()[0]?.body);
    expect(replaced).toContain('Promotion readiness · 1 of 4, with evidence');
    expect(replaced).toContain(':white_check_mark: *Mentored someone* (1/1)');
    await fake.waitFor(() => homeText(fake, TEAM, ALICE).includes('1 of 4, with evidence'));
    expect(homeText(fake, TEAM, ALICE)).toContain('Next: *Led two end-to-end initiatives*');

    await link(ALICE, 'led_initiatives', ['Search v2']);
    let text = JSON.stringify((await slash(ALICE, 'readiness')).blocks);
    expect(text).toContain(':white_large_square: *Led two end-to-end initiatives* (1/2)');
    expect(text).toContain('1 of 4, with evidence');

    const { view } = await link(ALICE, 'led_initiatives', ['Search v2', 'Billing export']);
    // The picker listed the item's evidence first, pre-selected.
    expect(JSON.stringify(view.blocks)).toContain(
      '"initial_options":[{"text":{"type":"plain_text","text":"Search v2',
    );
    text = JSON.stringify((await slash(ALICE, 'readiness')).blocks);
    expect(text).toContain(':white_check_mark: *Led two end-to-end initiatives* (2/2)');
    expect(text).toContain('2 of 4, with evidence');
    await fake.waitFor(() => homeText(fake, TEAM, ALICE).includes('2 of 4, with evidence'));
    expect(validateView(fake.homeView(TEAM, ALICE)?.view)).toEqual([]);
    expect(fake.violations).toEqual([]);
  });

  it("evidence must be the member's own artifacts: another member's id changes nothing", async () => {
    await addArtifact(BOB, 'talk', 'Bob talk');
    const before = await evidence();
    const forged = await app.slack.viewSubmission({
      teamId: TEAM,
      userId: ALICE,
      view: {
        callback_id: 'readiness_link',
        private_metadata: JSON.stringify({ track: 'ic', item: 'public_design' }),
        blocks: [{ type: 'input', block_id: 'evidence' }],
        state: {
          values: {
            evidence: {
              evidence: {
                type: 'multi_static_select',
                selected_options: [{ value: ids['Search v2'] }, { value: ids['Bob talk'] }],
              },
            },
          },
        },
      },
    });
    expect(forged.json()).toMatchObject({
      response_action: 'errors',
      errors: { evidence: expect.stringContaining('not in your portfolio') },
    });
    expect(await evidence()).toEqual(before);
  });

  it('removing an artifact removes its evidence, and the item unticks', async () => {
    await app.slack.blockActions({
      teamId: TEAM,
      userId: ALICE,
      actions: [
        {
          action_id: `portfolio_artifact_menu:${ids['Billing export']}`,
          type: 'overflow',
          selected_option: { value: `remove:${ids['Billing export']}` },
        },
      ],
    });
    await fake.waitFor(() => fake.callsTo('views.open').length === 1);
    await submitModal(app, TEAM, ALICE, lastModal(fake, 'portfolio_remove'), {});
    expect((await evidence()).filter((e) => e.item_key === 'led_initiatives')).toHaveLength(1);
    expect(JSON.stringify((await slash(ALICE, 'readiness')).blocks)).toContain('1 of 4, with evidence');
  });

  it('admins edit a track checklist: reworded items keep their evidence, cleared ones lose it; others are refused', async () => {
    expect((await slash(BOB, 'readiness edit ic')).text).toContain('Only workspace admins');
    expect(fake.callsTo('views.open')).toHaveLength(0);

    await app.slack.slashCommand({ teamId: TEAM, userId: ALICE, text: 'readiness edit ic' });
    await fake.waitFor(() => fake.callsTo('views.open').length === 1);
    const view = lastModal(fake, 'readiness_checklist');
    expect(validateView(view)).toEqual([]);
    const edits: Record<string, Typed> = {
      'label:mentored': 'Mentored an engineer through a promotion',
      'label:led_initiatives': '',
      'label:new1': 'Ran an incident review',
      'needed:new1': { option: '1' },
    };
    // A non-admin submitting the same form is refused on submit too.
    const forged = await submitModal(app, TEAM, BOB, view, edits);
    expect(JSON.stringify(forged.json())).toContain('Only workspace admins');
    expect(await query(app, 'SELECT * FROM readiness_checklists')).toEqual([]);

    const res = await submitModal(app, TEAM, ALICE, view, edits);
    expect(JSON.stringify(res.json())).toContain('Checklist saved');
    const text = JSON.stringify((await slash(ALICE, 'readiness')).blocks);
    expect(text).toContain(':white_check_mark: *Mentored an engineer through a promotion* (1/1)');
    expect(text).toContain('*Ran an incident review* (0/1)');
    expect(text).not.toContain('Led two end-to-end initiatives');
    expect(text).toContain('1 of 4, with evidence');
    expect((await evidence()).map((e) => e.item_key)).toEqual(['mentored']);
  });

  it("App Home's picker opens the evidence form for any item", async () => {
    await app.slack.event({
      teamId: TEAM,
      event: { type: 'app_home_opened', user: ALICE, channel: 'D0ALICE', tab: 'home' },
    });
    await fake.waitFor(() => homeText(fake, TEAM, ALICE).includes('readiness_pick_item'));
    expect(homeText(fake, TEAM, ALICE)).toContain('"value":"ic:e2e_observability"');
    fake.reset();
    await app.slack.blockActions({
      teamId: TEAM,
      userId: ALICE,
      view: { type: 'home' },
      actions: [
        {
          action_id: 'readiness_pick_item',
          type: 'static_select',
          selected_option: { value: 'ic:e2e_observability' },
        },
      ],
    });
    await fake.waitFor(() => fake.callsTo('views.open').length === 1);
    const view = lastModal(fake, 'readiness_link');
    expect(JSON.stringify(view.blocks)).toContain('*One end-to-end feature with observability*');
    expect(JSON.parse(String(view.private_metadata))).toEqual({ track: 'ic', item: 'e2e_observability' });
  });

  it('the people-manager track starts empty: the team writes its own', async () => {
    await app.slack.slashCommand({ teamId: TEAM, userId: BOB, text: 'goal' });
    await fake.waitFor(() => fake.callsTo('views.open').length === 1);
    await submitModal(app, TEAM, BOB, lastModal(fake, 'plans_goal'), {
      track: { option: 'manager' },
      destination: 'Lead a platform team',
      horizonYears: '2',
      currentLevel: { option: 'L5' },
      targetLevel: { option: 'L6' },
    });
    const reply = await slash(BOB, 'readiness');
    expect(JSON.stringify(reply.blocks)).toContain(
      'no readiness checklist for the *People manager* track yet',
    );
    await fake.waitFor(() => homeText(fake, TEAM, BOB).includes('Promotion readiness'));
    expect(homeText(fake, TEAM, BOB)).toContain('/careerplan readiness edit manager');
  });
});
