import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import { validateView } from '../../src/sandbox/slack/block-kit-limits.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import { seedWorkspace, startTestApp, TEAM, type TestApp } from '../support/app-harness.ts';
import { homeText, lastModal, query, submitModal, type Typed } from '../support/plans-e2e.ts';
import { pngSize } from '../support/png.ts';

type Answer = { response_action?: string; errors?: Record<string, string>; view?: { blocks?: unknown[] } };
type Reply = { text?: string; blocks?: unknown[] };

/** Today is Tuesday 2026-12-01 in New York (Alice's zone). */
const NOW = new Date('2026-12-01T15:00:00Z');

describe('learning sprints over HTTP: start, status, export', () => {
  let fake: FakeSlack;
  let app: TestApp;
  let ids: Record<string, string>;
  const slash = async (text: string) =>
    ((await app.slack.slashCommand({ teamId: TEAM, userId: 'U0ALICE', text })).json() ?? {}) as Reply;
  const openStart = async () => {
    fake.reset();
    await app.slack.slashCommand({ teamId: TEAM, userId: 'U0ALICE', text: 'sprint start' });
    await fake.waitFor(() => fake.callsTo('views.open').length === 1);
    return lastModal(fake, 'skills_sprint_start');
  };
  const sprints = async () =>
    query<{ id: string; status: string; start_date: string }>(
      app,
      "select id, status, start_date from learning_sprints where user_id = 'U0ALICE' order by id",
    );

  beforeAll(async () => {
    fake = await startFakeSlack();
    seedWorkspace(fake);
    app = await startTestApp({ fake, clock: fixedClock(NOW) });
    // The catalogue is seeded on first use; rate two skills so the sprint has current → target.
    await app.slack.slashCommand({ teamId: TEAM, userId: 'U0ALICE', text: 'skills' });
    await fake.waitFor(() => fake.callsTo('views.open').length === 1);
    const form = lastModal(fake, 'skills_assessment');
    const rows = await query<{ id: string; name: string }>(app, 'select id, name from skills');
    ids = Object.fromEntries(rows.map((r) => [r.name, r.id]));
    await submitModal(app, TEAM, 'U0ALICE', form, {
      [`level_${ids['System design']}`]: '2',
      [`target_${ids['System design']}`]: '4',
      [`level_${ids.Observability}`]: '1',
      [`target_${ids.Observability}`]: '3',
    });
  });
  afterAll(async () => {
    await app?.cleanup();
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  const focal = (...names: string[]): Typed => ({ checked: names.map((n) => ids[n] ?? n) });

  it('/careerplan sprint without a sprint says how to start one', async () => {
    expect((await slash('sprint')).text).toContain('`/careerplan sprint start`');
    expect((await slash('sprint begin')).text).toContain("I can't read");
  });

  it('the form pre-picks the top gaps; too many or too few focal skills, or a start over 30 days ago, store nothing', async () => {
    const view = await openStart();
    expect(validateView(view)).toEqual([]);
    const text = JSON.stringify(view);
    expect(text).toContain('"initial_date":"2026-12-01"');
    expect(text).toContain('Week 11 (consolidation)');
    const cases: Array<[Record<string, Typed>, string, string]> = [
      [
        { focal_skills: focal('System design', 'Observability', 'Mentoring', 'Security') },
        'focal_skills',
        'focus',
      ],
      [{ focal_skills: focal('System design') }, 'focal_skills', 'Pick 2 or 3'],
      [
        { focal_skills: focal('System design', 'Observability'), start_date: { date: '2026-10-31' } },
        'start_date',
        'at most 30 days ago',
      ],
    ];
    for (const [typed, field, message] of cases) {
      const body = (await submitModal(app, TEAM, 'U0ALICE', view, typed)).json() as Answer;
      expect(body.response_action).toBe('errors');
      expect(Object.keys(body.errors ?? {})).toEqual([field]);
      expect(body.errors?.[field]).toContain(message);
    }
    expect(await sprints()).toEqual([]);
  });

  it('a sprint is created, shown as week N of 12 with its focal skills, and its retrospective DM is planned', async () => {
    const view = await openStart();
    const body = (
      await submitModal(app, TEAM, 'U0ALICE', view, {
        start_date: { date: '2026-11-23' },
        focal_skills: focal('System design', 'Observability'),
        goal_2: 'Read the first three chapters of DDIA',
        goal_11: 'Demo the tracing dashboard',
      })
    ).json() as Answer;
    expect(body.response_action).toBe('update');
    expect(JSON.stringify(body.view)).toContain('Week 2 of 12');
    const [sprint] = await sprints();
    expect(sprint).toMatchObject({ status: 'active', start_date: '2026-11-23' });
    const retro = await query<{ due_at: Date; local_date: string }>(
      app,
      "select due_at, local_date::text from outbox where idempotency_key = $1 and kind = 'skills.retro'",
      [`skills:retro:${sprint?.id}`],
    );
    // 12 weeks after 2026-11-23 is Monday 2027-02-15: 10:00 in New York.
    expect(retro).toEqual([{ due_at: new Date('2027-02-15T15:00:00Z'), local_date: '2027-02-15' }]);

    const status = JSON.stringify(await slash('sprint'));
    expect(status).toContain('Week 2 of 12 · learning · 76 days left');
    expect(status).toContain('Read the first three chapters of DDIA');
    expect(status).toContain('*System design*: 2 → 4');
    expect(status).toContain('*Observability*: 1 → 3');

    await fake.waitFor(() => homeText(fake, TEAM, 'U0ALICE').includes('Week 2 of 12'));
    expect(homeText(fake, TEAM, 'U0ALICE')).toContain('~Start a 12-week learning sprint~');
    const activity = await query(app, "select 1 from activity_events where kind = 'sprint.started'");
    expect(activity).toHaveLength(1);
  });

  it('after a restart, /careerplan export sprint gives the 12-week plan as Markdown with the skills chart as an image', async () => {
    await app.stop();
    await app.restart();
    fake.reset();
    await slash('export sprint');
    await fake.waitFor(() => fake.uploadedFiles().length === 2);
    const files = fake.uploadedFiles();
    const markdown = files.find((f) => f.filename === 'learning-sprint.md')?.content ?? '';
    const chart = files.find((f) => f.filename === 'learning-sprint-chart.png');
    expect(markdown).toContain('# 12-week learning sprint');
    expect(markdown).toContain('2026-11-23 to 2027-02-14 · week 2 of 12, learning');
    expect(markdown).toContain('- **System design**: 2 → 4');
    expect(markdown).toContain('![Skills: now vs target](learning-sprint-chart.png)');
    expect(markdown).toContain('| 2 | 2026-11-30 – 2026-12-06 | Read the first three chapters of DDIA |');
    expect(markdown).toContain(
      '| 11 (consolidation) | 2027-02-01 – 2027-02-07 | Demo the tracing dashboard |',
    );
    expect(markdown).toContain('| 12 (consolidation) |');
    expect(pngSize(chart?.bytes ?? Buffer.alloc(0))).toEqual({ width: 1800, height: 1280 });
    expect(new Set(files.map((f) => f.channelId))).toEqual(new Set([fake.dmChannelFor(TEAM, 'U0ALICE')]));
    await fake.waitFor(() =>
      JSON.stringify(fake.responseUrlPosts()).includes('12-week sprint plan is in your DM'),
    );
  });

  it('starting another sprint asks for confirmation first, then closes the running one', async () => {
    let view = await openStart();
    const answer = {
      focal_skills: focal('Mentoring', 'Security', 'Observability'),
    };
    const body = (await submitModal(app, TEAM, 'U0ALICE', view, answer)).json() as Answer;
    expect(body.response_action).toBe('update');
    view = body.view as Record<string, unknown>;
    expect(JSON.stringify(view)).toContain('Close my current sprint and start this one');
    expect((await sprints()).map((s) => s.status)).toEqual(['active']);

    const confirmed = (
      await submitModal(app, TEAM, 'U0ALICE', view, { confirm_replace: { checked: ['yes'] } })
    ).json() as Answer;
    expect(confirmed.response_action).toBe('update');
    expect((await sprints()).map((s) => s.status)).toEqual(['closed', 'active']);
    expect(JSON.stringify(await slash('sprint'))).toContain('Week 1 of 12');
  });

  it('the end-of-sprint DM asks for a retrospective, stores it, and offers the next sprint', async () => {
    const [, current] = await sprints();
    // As if twelve weeks had passed: the sprint's retrospective row, due now (its planned
    // timer is twelve weeks away, so the row is stored again under the same key).
    const key = `skills:retro:${current?.id}`;
    await query(app, 'delete from outbox where idempotency_key = $1', [key]);
    const [row] = await app.running.deps.outbox.enqueue([
      {
        teamId: TEAM,
        key,
        kind: 'skills.retro',
        target: { type: 'dm', userId: 'U0ALICE' },
        dueAt: NOW,
        localDate: '2026-12-01',
        tz: 'America/New_York',
        payload: { sprintId: current?.id },
      },
    ]);
    if (!row) throw new Error('not stored');
    const dm = fake.dmChannelFor(TEAM, 'U0ALICE');
    await fake.waitFor(() => JSON.stringify(fake.messages(dm)).includes('skills_retro_open'));
    const message = fake.messages(dm).find((m) => JSON.stringify(m.blocks).includes('skills_retro_open'));
    expect(message?.text).toContain('learning sprint (from 2026-12-01) is over');

    await app.slack.blockActions({
      teamId: TEAM,
      userId: 'U0ALICE',
      actions: [{ action_id: 'skills_retro_open', value: row.id }],
      message: { ts: message?.ts ?? '' },
      channelId: dm,
    });
    await fake.waitFor(() => fake.callsTo('views.open').length === 1);
    const form = lastModal(fake, 'skills_retro');
    const empty = (
      await submitModal(app, TEAM, 'U0ALICE', form, { retro_went_well: 'Daily katas' })
    ).json() as Answer;
    expect(Object.keys(empty.errors ?? {})).toEqual(['retro_to_change']);
    await submitModal(app, TEAM, 'U0ALICE', form, {
      retro_went_well: 'Daily katas',
      retro_to_change: 'Fewer focal skills',
    });
    const stored = await query<{ status: string; retro_went_well: string }>(
      app,
      'select status, retro_went_well from learning_sprints where id = $1',
      [current?.id],
    );
    expect(stored).toEqual([{ status: 'completed', retro_went_well: 'Daily katas' }]);
    expect(
      (await query<{ status: string }>(app, 'select status from outbox where id = $1', [row.id]))[0]?.status,
    ).toBe('done');

    fake.reset();
    await app.slack.blockActions({
      teamId: TEAM,
      userId: 'U0ALICE',
      actions: [{ action_id: 'skills_retro_next_sprint', value: row.id }],
      message: { ts: message?.ts ?? '' },
      channelId: dm,
    });
    await fake.waitFor(() => fake.callsTo('views.open').length === 1);
    expect(lastModal(fake, 'skills_sprint_start')).toBeDefined();
  });
});
