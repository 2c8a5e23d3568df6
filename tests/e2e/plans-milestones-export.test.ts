import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import { validateMessage, validateView } from '../../src/sandbox/slack/block-kit-limits.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import { seedWorkspace, startTestApp, TEAM, type TestApp } from '../support/app-harness.ts';
import { homeText, lastModal, query, stateFor, submitModal, type Typed } from '../support/plans-e2e.ts';

const ALICE = 'U0ALICE';

describe('milestones and the plan export over HTTP', () => {
  let fake: FakeSlack;
  let app: TestApp;

  const openMilestoneForm = async () => {
    fake.reset();
    await app.slack.slashCommand({ teamId: TEAM, userId: ALICE, text: 'milestone add' });
    await fake.waitFor(() => fake.callsTo('views.open').length === 1);
    const view = lastModal(fake, 'plans_milestone_add');
    expect(validateView(view)).toEqual([]);
    return view;
  };

  beforeAll(async () => {
    fake = await startFakeSlack();
    seedWorkspace(fake);
    // 00:30 UTC on 1 Sep is still 31 Aug in New York: "today" is Alice's local date.
    app = await startTestApp({ fake, clock: fixedClock(new Date('2026-09-01T00:30:00Z')) });
  });
  afterAll(async () => {
    await app?.cleanup();
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  it('a milestone form submitted again after a field error, then resubmitted (Slack timed out), stores once', async () => {
    const view = await openMilestoneForm();
    const send = (typed: Record<string, Typed>) =>
      app.slack.viewSubmission({
        teamId: TEAM,
        userId: ALICE,
        view: {
          id: 'V0RESUBMIT',
          callback_id: String(view.callback_id),
          private_metadata: '',
          blocks: view.blocks,
          state: stateFor(view, typed),
        },
      });
    const bad = await send({ kind: { option: 'delivery' }, title: '' });
    expect(bad.json()).toMatchObject({ response_action: 'errors' });
    const good = {
      kind: { option: 'delivery' },
      title: 'Ship resubmitted search',
      dueDate: { date: '2026-12-30' },
    };
    expect((await send(good)).status).toBe(200);
    expect((await send(good)).status).toBe(200);
    const rows = await query(app, "select id from milestones where title = 'Ship resubmitted search'");
    expect(rows).toHaveLength(1);
    await query(app, 'delete from milestones');
  });

  it('milestone add validates in place: a past date, an empty title, a bad link; nothing stored', async () => {
    const view = await openMilestoneForm();
    expect(JSON.stringify(view)).toContain('"initial_date":"2026-11-30"');
    const cases: Array<[Record<string, string | { option: string } | { date: string }>, string, string]> = [
      [
        { kind: { option: 'delivery' }, title: 'Ship search', dueDate: { date: '2026-08-30' } },
        'dueDate',
        'in the past',
      ],
      [{ kind: { option: 'delivery' }, title: '' }, 'title', 'Give the milestone a title'],
      [
        { kind: { option: 'delivery' }, title: 'Ship search', evidenceUrl: 'javascript:alert(1)' },
        'evidenceUrl',
        'https://',
      ],
    ];
    for (const [typed, field, message] of cases) {
      const res = await submitModal(app, TEAM, ALICE, view, typed);
      const body = res.json() as { response_action: string; errors: Record<string, string> };
      expect(body).toMatchObject({ response_action: 'errors' });
      expect(Object.keys(body.errors)).toEqual([field]);
      expect(body.errors[field]).toContain(message);
    }
    expect(await query(app, 'select * from milestones')).toEqual([]);
  });

  it('adds milestones (today in the member’s zone is allowed), lists them, and marks one done', async () => {
    const view = await openMilestoneForm();
    const add = async (title: string, due: string, kind = 'delivery') =>
      expect(
        (await submitModal(app, TEAM, ALICE, view, { kind: { option: kind }, title, dueDate: { date: due } }))
          .body,
      ).toBe('');
    await add('Ship search v2', '2026-08-31');
    await add('Give a talk at the meetup', '2027-03-01', 'visibility');
    await add('Own the billing service', '2027-06-30', 'mastery');
    await fake.waitFor(() => homeText(fake, TEAM, ALICE).includes('Own the billing service'));
    expect(homeText(fake, TEAM, ALICE)).toContain('Next milestones');

    const list = await app.slack.slashCommand({ teamId: TEAM, userId: ALICE, text: 'milestone' });
    const body = list.json() as { response_type: string; blocks: unknown[] };
    expect(body.response_type).toBe('ephemeral');
    expect(validateMessage({ blocks: body.blocks })).toEqual([]);
    const text = JSON.stringify(body.blocks);
    expect(text).toContain('Ship search v2');
    expect(text).toContain('Delivery · due 2026-08-31 · Planned');
    const [search] = await query<{ id: string }>(
      app,
      "select id from milestones where title = 'Ship search v2'",
    );
    expect(text).toContain(`plans_ms_done:${search?.id}`);
    expect(text).toContain(`plans_ms_drop:${search?.id}`);

    fake.reset();
    const done = await app.slack.blockActions({
      teamId: TEAM,
      userId: ALICE,
      actions: [{ action_id: `plans_ms_done:${search?.id}`, value: String(search?.id) }],
    });
    expect(done.status).toBe(200);
    await fake.waitFor(() => fake.responseUrlPosts().length === 1);
    const replaced = fake.responseUrlPosts()[0]?.body ?? {};
    expect(replaced.replace_original).toBe(true);
    expect(JSON.stringify(replaced)).toContain('is now done');
    expect(JSON.stringify(replaced)).toContain(`plans_ms_reopen:${search?.id}`);
    expect(await query(app, 'select status from milestones where id = $1', [search?.id])).toEqual([
      { status: 'done' },
    ]);
    // Publishes of earlier changes may still land; the latest plan always wins in the end.
    await fake.waitFor(() => homeText(fake, TEAM, ALICE).includes('2 open · 1 done'));

    fake.reset();
    await app.slack.blockActions({
      teamId: TEAM,
      userId: ALICE,
      actions: [{ action_id: `plans_ms_done:${search?.id}`, value: String(search?.id) }],
    });
    await fake.waitFor(() => fake.responseUrlPosts().length === 1);
    expect(JSON.stringify(fake.responseUrlPosts()[0]?.body)).toContain('already done');
    expect(fake.violations).toEqual([]);
  });

  it('milestone with an unknown word gets a specific error', async () => {
    const res = await app.slack.slashCommand({ teamId: TEAM, userId: ALICE, text: 'milestone finish 3' });
    expect((res.json() as { text: string }).text).toContain('`/careerplan milestone add`');
  });

  it('export plan uploads a Markdown file with the north star into the member’s DM', async () => {
    await app.slack.slashCommand({ teamId: TEAM, userId: ALICE, text: 'goal' });
    await fake.waitFor(() => fake.callsTo('views.open').length === 1);
    await submitModal(app, TEAM, ALICE, lastModal(fake, 'plans_goal'), {
      track: { option: 'ic' },
      destination: 'Become the go-to engineer for search relevance',
      horizonYears: '4',
      currentLevel: { option: 'L4' },
      targetLevel: { option: 'L5' },
    });
    fake.reset();
    const res = await app.slack.slashCommand({ teamId: TEAM, userId: ALICE, text: 'export plan' });
    expect(res.status).toBe(200);
    await fake.waitFor(() => fake.uploadedFiles().length === 1);
    const [file] = fake.uploadedFiles();
    expect(file?.filename).toBe('career-plan.md');
    expect(file?.channelId).toBe(fake.dmChannelFor(TEAM, ALICE));
    expect(file?.content).toContain('# Career plan: alice');
    expect(file?.content).toContain('> Become the go-to engineer for search relevance');
    expect(file?.content).toContain('**Level:** L4 (Software Engineer II) → L5 (Senior Software Engineer)');
    expect(file?.content).toContain('Give a talk at the meetup');
    expect(file?.content).toContain('_Exported 2026-08-31_');
    await fake.waitFor(() => fake.responseUrlPosts().length === 1);
    expect(JSON.stringify(fake.responseUrlPosts()[0]?.body)).toContain('Your career plan is in your DM');
    expect(fake.messages(fake.dmChannelFor(TEAM, ALICE))).toHaveLength(1);
    expect(fake.violations).toEqual([]);
  });

  it.each([
    ['export', 'needs to know what to export: `/careerplan export plan`'],
    ['export timesheet', "I can't export `timesheet`. You can export: `/careerplan export plan`"],
    ['export plan now', '`/careerplan export plan` takes nothing after `plan`'],
    ['export cv', "I can't export `cv`. You can export: `/careerplan export plan`"],
  ])('%s answers specifically', async (text, expected) => {
    const res = await app.slack.slashCommand({ teamId: TEAM, userId: ALICE, text });
    expect((res.json() as { text: string }).text).toContain(expected);
    expect(fake.uploadedFiles()).toEqual([]);
  });
});
