import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import { validateView } from '../../src/sandbox/slack/block-kit-limits.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import { seedWorkspace, startTestApp, TEAM, type TestApp } from '../support/app-harness.ts';
import { homeText, lastModal, query, submitModal, type Typed } from '../support/plans-e2e.ts';

const ALICE = 'U0ALICE';

function kr(
  slot: number,
  title: string,
  kind: 'metric' | 'percent',
  start = '',
  target = '',
  unit = '',
): Record<string, Typed> {
  const p = `kr${slot}_`;
  return {
    [`${p}title`]: title,
    [`${p}kind`]: { option: kind },
    [`${p}start`]: start,
    [`${p}target`]: target,
    [`${p}unit`]: unit,
  };
}

describe('quarterly OKRs over HTTP', () => {
  let fake: FakeSlack;
  let app: TestApp;

  const openOkrForm = async (userId = ALICE) => {
    fake.reset();
    await app.slack.slashCommand({ teamId: TEAM, userId, text: 'okr add' });
    await fake.waitFor(() => fake.callsTo('views.open').length === 1);
    const view = lastModal(fake, 'plans_okr_add');
    expect(validateView(view)).toEqual([]);
    return view;
  };
  const objectives = () =>
    query<{ id: string; title: string }>(
      app,
      'select id, title from objectives where team_id = $1 and user_id = $2 and archived_at is null order by id',
      [TEAM, ALICE],
    );
  const keyResults = (objectiveId: string) =>
    query<{ id: string; title: string; current_value: number }>(
      app,
      'select id, title, current_value from key_results where objective_id = $1 and archived_at is null order by position',
      [objectiveId],
    );

  beforeAll(async () => {
    fake = await startFakeSlack();
    seedWorkspace(fake);
    // 14 Aug 2026: 2026-Q3 in New York.
    app = await startTestApp({ fake, clock: fixedClock(new Date('2026-08-14T15:00:00Z')) });
  });
  afterAll(async () => {
    await app?.cleanup();
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  it('refuses invalid forms field by field and stores nothing', async () => {
    const view = await openOkrForm();
    const cases: Array<[Record<string, Typed>, string, string]> = [
      [{ objective: '', ...kr(1, 'Ship it', 'percent') }, 'objective', 'Give the objective a title'],
      [{ objective: 'x'.repeat(151), ...kr(1, 'Ship it', 'percent') }, 'objective', '150 characters'],
      [
        { objective: 'Fast checkout', ...kr(1, 'Latency', 'metric', '800', '800', 'ms') },
        'kr1_target',
        'equals the start',
      ],
      [
        {
          objective: 'Fast checkout',
          ...kr(1, 'Ok', 'percent'),
          ...kr(2, 'Latency', 'metric', 'fast', '200'),
        },
        'kr2_start',
        'should be a number',
      ],
      [{ objective: 'Fast checkout', ...kr(3, '', 'metric', '1', '2') }, 'kr3_title', 'needs a title'],
    ];
    for (const [typed, field, message] of cases) {
      const res = await submitModal(app, TEAM, ALICE, view, typed);
      const body = res.json() as { response_action: string; errors: Record<string, string> };
      expect(body.response_action).toBe('errors');
      expect(Object.keys(body.errors)).toEqual([field]);
      expect(body.errors[field]).toContain(message);
    }
    expect(await query(app, 'select * from objectives')).toEqual([]);
    expect(await query(app, 'select * from key_results')).toEqual([]);
    expect(fake.violations).toEqual([]);
  });

  it('okr add stores an objective with its key results; okr lists them; okr progress 1 60 updates Home', async () => {
    const view = await openOkrForm();
    expect(JSON.stringify(view)).not.toContain('confirmThird');
    const res = await submitModal(app, TEAM, ALICE, view, {
      objective: 'Make checkout fast and boring',
      ...kr(1, 'Migrate checkout to the new queue', 'percent'),
      ...kr(2, 'Cut p95 checkout latency', 'metric', '800', '200', 'ms'),
    });
    expect(res.body).toBe('');
    await fake.waitFor(() => fake.callsTo('views.publish').length === 1);
    expect(homeText(fake, TEAM, ALICE)).toContain('OKRs · 2026-Q3');
    expect(homeText(fake, TEAM, ALICE)).toContain('Make checkout fast and boring');
    const [objective] = await objectives();
    expect(objective?.title).toBe('Make checkout fast and boring');
    expect((await keyResults(objective?.id ?? '')).map((k) => k.title)).toEqual([
      'Migrate checkout to the new queue',
      'Cut p95 checkout latency',
    ]);

    const list = await app.slack.slashCommand({ teamId: TEAM, userId: ALICE, text: 'okr' });
    const listText = JSON.stringify(list.json());
    expect(listText).toContain('OKRs · 2026-Q3 (this quarter)');
    expect(listText).toContain('*KR 1* · Migrate checkout to the new queue');
    expect(listText).toContain('*KR 2* · Cut p95 checkout latency');
    expect(listText).toContain('800 → 200 ms, now 800');

    fake.reset();
    const progress = await app.slack.slashCommand({ teamId: TEAM, userId: ALICE, text: 'okr progress 1 60' });
    const progressBody = progress.json() as { response_type: string; text: string };
    expect(progressBody.response_type).toBe('ephemeral');
    expect(progressBody.text).toContain('▓▓▓▓▓▓░░░░ 60%');
    await fake.waitFor(() => homeText(fake, TEAM, ALICE).includes('▓▓▓▓▓▓░░░░ 60%'));
    expect(homeText(fake, TEAM, ALICE)).toContain('▓▓▓░░░░░░░ 30%');

    await app.slack.slashCommand({ teamId: TEAM, userId: ALICE, text: 'okr progress 2 500' });
    await app.slack.slashCommand({ teamId: TEAM, userId: ALICE, text: 'okr progress #2 350ms' }).then((r) => {
      expect((r.json() as { text: string }).text).toContain('key result number and a value');
    });
    await app.slack.slashCommand({ teamId: TEAM, userId: ALICE, text: 'okr progress 2 350' });
    const history = await query<{ value: number; previous_value: number }>(
      app,
      'select c.value, c.previous_value from key_result_checkins c join key_results k on k.id = c.key_result_id where k.title = $1 order by c.id',
      ['Cut p95 checkout latency'],
    );
    expect(history).toEqual([
      { value: 500, previous_value: 800 },
      { value: 350, previous_value: 500 },
    ]);
    expect(fake.violations).toEqual([]);
  });

  it('malformed okr arguments get specific errors with examples', async () => {
    const ask = async (text: string) =>
      ((await app.slack.slashCommand({ teamId: TEAM, userId: ALICE, text })).json() as { text: string }).text;
    expect(await ask('okr progress')).toContain('`/careerplan okr progress 2 60`');
    expect(await ask('okr progress two 60')).toContain('`/careerplan okr progress 2 60`');
    expect(await ask('okr progress 9 50')).toContain(
      'You have 2 key results this quarter; pick a number from 1 to 2',
    );
    expect(await ask('okr 2026-Q9')).toContain('write it like `2026-Q3`');
    expect(await ask('okr sideways')).toContain('`/careerplan okr add`');
    expect(await ask('okr add now')).toContain('takes no arguments');
    const other = await app.slack.slashCommand({ teamId: TEAM, userId: ALICE, text: 'okr 2026-Q4' });
    expect(JSON.stringify(other.json())).toContain('No objectives for 2026-Q4');
  });

  it('a third objective needs an explicit confirmation; a fourth is refused', async () => {
    const first = await openOkrForm();
    // A form opened while 1 objective existed, submitted after a second one was added.
    const second = await openOkrForm();
    expect(
      (
        await submitModal(app, TEAM, ALICE, second, {
          objective: 'Grow as a reviewer',
          ...kr(1, 'Review 40 PRs', 'metric', '0', '40', 'PRs'),
        })
      ).body,
    ).toBe('');
    expect(await objectives()).toHaveLength(2);

    const stale = await submitModal(app, TEAM, ALICE, first, {
      objective: 'Give a talk',
      ...kr(1, 'Talk accepted', 'percent'),
    });
    const update = stale.json() as { response_action: string; view: Record<string, unknown> };
    expect(update.response_action).toBe('update');
    expect(JSON.stringify(update.view)).toContain('We recommend at most 2');
    expect(JSON.stringify(update.view)).toContain('"initial_value":"Give a talk"');
    expect(validateView(update.view)).toEqual([]);
    expect(await objectives()).toHaveLength(2);

    const third = await openOkrForm();
    expect(JSON.stringify(third)).toContain('confirmThird');
    expect(JSON.stringify(third)).toContain('two finished objectives teach more than three half-done ones');
    const unconfirmed = await submitModal(app, TEAM, ALICE, third, {
      objective: 'Give a talk',
      ...kr(1, 'Talk accepted', 'percent'),
    });
    expect(unconfirmed.json()).toMatchObject({
      response_action: 'errors',
      errors: { confirmThird: expect.stringContaining('We recommend at most 2') },
    });
    expect(await objectives()).toHaveLength(2);

    const confirmed = await submitModal(app, TEAM, ALICE, third, {
      objective: 'Give a talk',
      ...kr(1, 'Talk accepted', 'percent'),
      confirmThird: { checked: ['confirm'] },
    });
    expect(confirmed.body).toBe('');
    expect(await objectives()).toHaveLength(3);

    const fourth = await openOkrForm();
    const refused = await submitModal(app, TEAM, ALICE, fourth, {
      objective: 'Learn Rust',
      confirmThird: { checked: ['confirm'] },
    });
    expect(refused.json()).toMatchObject({
      response_action: 'errors',
      errors: { objective: expect.stringContaining('the most we allow') },
    });
    expect(await objectives()).toHaveLength(3);
    expect(fake.violations).toEqual([]);
  });

  it('a sixth key result is refused with the reason, from the menu and from a stale form', async () => {
    const [, reviewer] = await objectives();
    const id = reviewer?.id ?? '';
    const addKr = async () => {
      fake.reset();
      const res = await app.slack.blockActions({
        teamId: TEAM,
        userId: ALICE,
        actions: [
          { action_id: `plans_obj_menu:${id}`, type: 'overflow', selected_option: { value: `add_kr:${id}` } },
        ],
      });
      expect(res.status).toBe(200);
      return res;
    };
    for (let n = 2; n <= 4; n++) {
      await addKr();
      await fake.waitFor(() => fake.callsTo('views.open').length === 1);
      const modal = lastModal(fake, 'plans_kr_add');
      expect(validateView(modal)).toEqual([]);
      const res = await submitModal(app, TEAM, ALICE, modal, {
        title: `Review goal ${n}`,
        kind: { option: 'percent' },
      });
      expect(res.body).toBe('');
    }
    await addKr();
    await fake.waitFor(() => fake.callsTo('views.open').length === 1);
    const fifthForm = lastModal(fake, 'plans_kr_add');
    expect(JSON.stringify(fifthForm)).toContain('Three key results per objective are usually enough');
    expect(
      (
        await submitModal(app, TEAM, ALICE, fifthForm, {
          title: 'Review goal 5',
          kind: { option: 'percent' },
        })
      ).body,
    ).toBe('');
    expect(await keyResults(id)).toHaveLength(5);

    const menu = await addKr();
    await fake.waitFor(() => fake.responseUrlPosts().length === 1);
    expect(JSON.stringify(fake.responseUrlPosts()[0]?.body)).toContain(
      'already has 5 key results, the most we allow',
    );
    expect(menu.responseUrl).toBeDefined();
    expect(fake.callsTo('views.open')).toEqual([]);

    const stale = await submitModal(app, TEAM, ALICE, fifthForm, {
      title: 'Review goal 6',
      kind: { option: 'percent' },
    });
    expect(stale.json()).toMatchObject({
      response_action: 'errors',
      errors: { title: expect.stringContaining('already has 5 key results') },
    });
    expect(await keyResults(id)).toHaveLength(5);
    expect(fake.violations).toEqual([]);
  });

  it('check-in button and modal record a value with a note; edit and archive work from the list', async () => {
    const [checkout] = await objectives();
    const [migrate, latency] = await keyResults(checkout?.id ?? '');
    await app.slack.blockActions({
      teamId: TEAM,
      userId: ALICE,
      actions: [
        {
          action_id: `plans_kr_menu:${latency?.id}`,
          type: 'overflow',
          selected_option: { value: `checkin:${latency?.id}` },
        },
      ],
    });
    await fake.waitFor(() => fake.callsTo('views.open').length === 1);
    const form = lastModal(fake, 'plans_checkin');
    expect(validateView(form)).toEqual([]);
    const bad = await submitModal(app, TEAM, ALICE, form, { value: 'soon' });
    expect(bad.json()).toMatchObject({
      response_action: 'errors',
      errors: { value: expect.stringContaining('number') },
    });
    const ok = await submitModal(app, TEAM, ALICE, form, { value: '200', note: 'Cache warmed up' });
    expect(ok.body).toBe('');
    const [last] = await query<{ value: number; note: string }>(
      app,
      'select value, note from key_result_checkins where key_result_id = $1 order by id desc limit 1',
      [latency?.id],
    );
    expect(last).toEqual({ value: 200, note: 'Cache warmed up' });
    await fake.waitFor(() => homeText(fake, TEAM, ALICE).includes('800 → 200 ms, now 200'));

    fake.reset();
    await app.slack.blockActions({
      teamId: TEAM,
      userId: ALICE,
      actions: [
        {
          action_id: `plans_obj_menu:${checkout?.id}`,
          type: 'overflow',
          selected_option: { value: `edit:${checkout?.id}` },
        },
      ],
    });
    await fake.waitFor(() => fake.callsTo('views.open').length === 1);
    const edit = lastModal(fake, 'plans_objective_edit');
    expect((await submitModal(app, TEAM, ALICE, edit, { objective: '' })).json()).toMatchObject({
      response_action: 'errors',
      errors: { objective: expect.any(String) },
    });
    expect((await submitModal(app, TEAM, ALICE, edit, { objective: 'Make checkout fast' })).body).toBe('');

    fake.reset();
    await app.slack.blockActions({
      teamId: TEAM,
      userId: ALICE,
      actions: [
        {
          action_id: `plans_kr_menu:${latency?.id}`,
          type: 'overflow',
          selected_option: { value: `edit:${latency?.id}` },
        },
      ],
    });
    await fake.waitFor(() => fake.callsTo('views.open').length === 1);
    const krEdit = lastModal(fake, 'plans_kr_edit');
    const same = await submitModal(app, TEAM, ALICE, krEdit, {
      title: 'Cut p95 latency',
      start: '800',
      target: '800',
      unit: 'ms',
    });
    expect(same.json()).toMatchObject({
      response_action: 'errors',
      errors: { target: expect.stringContaining('equals the start') },
    });
    expect(
      (
        await submitModal(app, TEAM, ALICE, krEdit, {
          title: 'Cut p95 latency',
          start: '800',
          target: '150',
          unit: 'ms',
        })
      ).body,
    ).toBe('');

    fake.reset();
    const archive = await app.slack.blockActions({
      teamId: TEAM,
      userId: ALICE,
      actions: [
        {
          action_id: `plans_kr_menu:${migrate?.id}`,
          type: 'overflow',
          selected_option: { value: `archive:${migrate?.id}` },
        },
      ],
    });
    await fake.waitFor(() => fake.responseUrlPosts(archive.responseUrl?.split('/').pop()).length === 1);
    const replaced = fake.responseUrlPosts()[0]?.body ?? {};
    expect(replaced.replace_original).toBe(true);
    const replacedText = JSON.stringify(replaced);
    expect(replacedText).toContain('Archived the key result');
    expect(replacedText).toContain('*1. Make checkout fast*');
    expect(replacedText).toContain('*KR 1* · Cut p95 latency');
    expect(replacedText).toContain('800 → 150 ms, now 200');
    expect(await keyResults(checkout?.id ?? '')).toHaveLength(1);
    // History is kept for archived key results too.
    expect(
      await query(app, 'select id from key_result_checkins where key_result_id = $1', [migrate?.id]),
    ).toHaveLength(1);

    fake.reset();
    await app.slack.blockActions({
      teamId: TEAM,
      userId: ALICE,
      actions: [
        {
          action_id: `plans_obj_menu:${checkout?.id}`,
          type: 'overflow',
          selected_option: { value: `archive:${checkout?.id}` },
        },
      ],
    });
    await fake.waitFor(() => fake.responseUrlPosts().length === 1);
    expect(JSON.stringify(fake.responseUrlPosts()[0]?.body)).toContain('Archived *Make checkout fast*');
    expect(await objectives()).toHaveLength(2);
    await fake.waitFor(() => fake.callsTo('views.publish').length >= 1);
    await fake.waitFor(() => !homeText(fake, TEAM, ALICE).includes('Make checkout fast'));
    expect(fake.violations).toEqual([]);
  });
});
