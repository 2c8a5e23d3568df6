import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import { validateView } from '../../src/sandbox/slack/block-kit-limits.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import { seedWorkspace, startTestApp, TEAM, type TestApp } from '../support/app-harness.ts';
import { homeText, lastModal, query, submitModal, type Typed } from '../support/plans-e2e.ts';
import { pngSize } from '../support/png.ts';

type Answer = { response_action?: string; errors?: Record<string, string>; view?: unknown };

describe('skills inventory over HTTP: self-assessment, admin, chart', () => {
  let fake: FakeSlack;
  let app: TestApp;
  let skill: (name: string) => Promise<string>;
  const slash = async (userId: string, text: string) =>
    (await app.slack.slashCommand({ teamId: TEAM, userId, text })).json() as { text?: string } | undefined;
  const openForm = async (userId: string) => {
    fake.reset();
    await app.slack.slashCommand({ teamId: TEAM, userId, text: 'skills' });
    await fake.waitFor(() => fake.callsTo('views.open').length === 1);
    return lastModal(fake, 'skills_assessment');
  };
  const assessments = async (userId: string) =>
    (
      await query<{ n: number }>(app, 'select count(*)::int as n from skill_assessments where user_id = $1', [
        userId,
      ])
    )[0]?.n;

  beforeAll(async () => {
    fake = await startFakeSlack();
    seedWorkspace(fake);
    app = await startTestApp({ fake, clock: fixedClock(new Date('2026-12-01T15:00:00Z')) });
    skill = async (name) =>
      (await query<{ id: string }>(app, 'select id from skills where name = $1', [name]))[0]?.id ?? 'missing';
  });
  afterAll(async () => {
    await app?.cleanup();
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  it('/careerplan skills opens the self-assessment modal: the seeded catalogue and what each level means', async () => {
    const view = await openForm('U0BOB');
    expect(validateView(view)).toEqual([]);
    const text = JSON.stringify(view);
    for (const domain of [
      'Core coding and design',
      'Platform and tooling',
      'Architecture',
      'Collaboration',
      'Domain expertise',
    ]) {
      expect(text).toContain(domain);
    }
    expect(text).toContain('1 novice · 2 advanced beginner · 3 competent · 4 proficient · 5 expert');
    const perDomain = await query<{ n: number }>(
      app,
      'select count(*)::int as n from skills s join skill_domains d on d.id = s.domain_id group by d.id',
    );
    expect(perDomain).toHaveLength(5);
    for (const { n } of perDomain) expect(n >= 3 && n <= 6).toBe(true);
    expect(fake.violations).toEqual([]);
  });

  it('each input error comes back beside its field and stores nothing', async () => {
    const testing = await skill('Testing strategies');
    const review = await skill('Code review');
    const cases: Array<[Record<string, Typed>, string, string]> = [
      [{ [`level_${testing}`]: '6' }, `level_${testing}`, 'from 1 (novice) to 5 (expert)'],
      [
        { [`level_${testing}`]: '3', [`target_${testing}`]: '0' },
        `target_${testing}`,
        'from 1 (novice) to 5',
      ],
      [
        { [`level_${review}`]: '4', [`target_${review}`]: '2' },
        `target_${review}`,
        'below where you are now',
      ],
    ];
    for (const [typed, field, message] of cases) {
      const view = await openForm('U0BOB');
      const body = (await submitModal(app, TEAM, 'U0BOB', view, typed)).json() as Answer;
      expect(body.response_action).toBe('errors');
      expect(Object.keys(body.errors ?? {})).toEqual([field]);
      expect(body.errors?.[field]).toContain(message);
    }
    expect(await assessments('U0BOB')).toBe(0);
    expect(fake.callsTo('views.publish')).toEqual([]);
  });

  it('a saved assessment is a new dated entry; the answer shows the change per skill; Home shows the top gaps', async () => {
    const [testing, review, ci, mentoring] = await Promise.all(
      ['Testing strategies', 'Code review', 'CI/CD', 'Mentoring'].map(skill),
    );
    let view = await openForm('U0ALICE');
    let body = (
      await submitModal(app, TEAM, 'U0ALICE', view, {
        [`level_${testing}`]: '2',
        [`target_${testing}`]: '4',
        [`level_${review}`]: '3',
        [`target_${review}`]: '5',
        [`level_${ci}`]: '1',
        [`target_${ci}`]: '4',
        [`level_${mentoring}`]: '3',
      })
    ).json() as Answer;
    expect(body.response_action).toBe('update');
    let answer = JSON.stringify(body.view);
    expect(answer).toContain('*Testing strategies*: 2 → target 4 (new)');
    expect(answer).toContain('*Mentoring*: 3 → target 3 (new)');
    await fake.waitFor(() => homeText(fake, TEAM, 'U0ALICE').includes('Skills: top gaps'));
    const home = homeText(fake, TEAM, 'U0ALICE');
    // Gap 3 (CI/CD) first; Testing and Code review tie at 2 and keep catalogue order.
    expect(home.indexOf('*1. CI/CD*')).toBeGreaterThan(-1);
    expect(home).toContain('*2. Testing strategies*: 2 → 4 (gap 2)');
    expect(home).toContain('*3. Code review*: 3 → 5 (gap 2)');
    expect(home).toContain('~Assess your skills and find your top 3 gaps~');
    expect(validateView(fake.homeView(TEAM, 'U0ALICE')?.view)).toEqual([]);

    // A second assessment never overwrites the first: the answer compares with it.
    view = await openForm('U0ALICE');
    expect(JSON.stringify(view)).toContain('Last time: 2 (advanced beginner), target 4');
    body = (
      await submitModal(app, TEAM, 'U0ALICE', view, {
        [`level_${testing}`]: '4',
        [`level_${review}`]: '2',
        [`level_${ci}`]: '4',
        [`target_${ci}`]: '2',
        [SKILL_CONFIRM]: { checked: ['yes'] },
      })
    ).json() as Answer;
    answer = JSON.stringify(body.view);
    expect(answer).toContain('*Testing strategies*: 4 → target 4 (↑2)');
    expect(answer).toContain('*Code review*: 2 → target 5 (↓1)');
    expect(answer).toContain('*CI/CD*: 4 → target 2 (↑3)');
    expect(await assessments('U0ALICE')).toBe(2);
    const ratings = await query<{ level: number }>(
      app,
      'select level from skill_ratings where user_id = $1 and skill_id = $2 order by assessed_at, assessment_id',
      ['U0ALICE', testing],
    );
    expect(ratings.map((r) => r.level)).toEqual([2, 4]);
    const activity = await query<{ kind: string }>(
      app,
      'select kind from activity_events where user_id = $1',
      ['U0ALICE'],
    );
    expect(activity.filter((a) => a.kind === 'skills.assessed')).toHaveLength(2);
    expect(fake.violations).toEqual([]);
  });

  it('admins add, rename and retire skills; a retired skill picked on an old form is refused', async () => {
    await slash('U0BOB', 'skills admin');
    await fake.waitFor(() => JSON.stringify(fake.responseUrlPosts()).includes('Only workspace admins'));
    expect(fake.callsTo('views.open')).toEqual([]);
    const oldForm = await openForm('U0BOB');
    await app.slack.slashCommand({ teamId: TEAM, userId: 'U0ALICE', text: 'skills admin' });
    await fake.waitFor(() => fake.callsTo('views.open').length === 2);
    const admin = lastModal(fake, 'skills_admin');
    expect(validateView(admin)).toEqual([]);
    const security = await skill('Security');
    const domain =
      (
        await query<{ id: string }>(app, "select id from skill_domains where name = 'Platform and tooling'")
      )[0]?.id ?? '';
    // A name already in the catalogue is refused, and nothing else in the form is applied.
    let body = (
      await submitModal(app, TEAM, 'U0ALICE', admin, {
        add_domain: { option: domain },
        add_name: 'ci/cd',
        retire_skill: { option: security },
      })
    ).json() as Answer;
    expect(body.errors).toEqual({ add_name: '"CI/CD" is in the catalogue already.' });
    expect((await query(app, 'select 1 from skills where retired_at is not null')).length).toBe(0);
    body = (
      await submitModal(app, TEAM, 'U0ALICE', admin, {
        add_domain: { option: domain },
        add_name: 'Incident response',
        rename_skill: { option: await skill('Refactoring') },
        rename_name: 'Refactoring legacy code',
        retire_skill: { option: security },
        checkin_every: { option: '2' },
      })
    ).json() as Answer;
    expect(JSON.stringify(body.view)).toContain('added *Incident response*');
    expect(await skill('Refactoring legacy code')).not.toBe('missing');
    expect(
      (
        await query<{ checkin_every_weeks: number }>(app, 'select checkin_every_weeks from skill_settings')
      )[0],
    ).toEqual({ checkin_every_weeks: 2 });

    const stale = (
      await submitModal(app, TEAM, 'U0BOB', oldForm, { [`level_${security}`]: '2' })
    ).json() as Answer;
    expect(stale.errors?.[`level_${security}`]).toContain('"Security" was retired by an admin');
    expect(await assessments('U0BOB')).toBe(0);
    const fresh = JSON.stringify(await openForm('U0BOB'));
    expect(fresh).not.toContain(`level_${security}`);
    expect(fresh).toContain('Incident response');
  });

  it('/careerplan skills chart renders a PNG and uploads it through the external upload flow', async () => {
    await slash('U0ALICE', 'skills chart');
    await fake.waitFor(() => fake.uploadedFiles().length === 1);
    expect(fake.callsTo('files.getUploadURLExternal')).toHaveLength(1);
    expect(fake.callsTo('files.completeUploadExternal')).toHaveLength(1);
    const [file] = fake.uploadedFiles();
    expect(file?.filename).toBe('skills-chart.png');
    expect(file?.channelId).toBe(fake.dmChannelFor(TEAM, 'U0ALICE'));
    // A radar (four skills rated): 900 × 640 chart units at twice the pixels.
    expect(pngSize(file?.bytes ?? Buffer.alloc(0))).toEqual({ width: 1800, height: 1280 });
    await fake.waitFor(() => JSON.stringify(fake.responseUrlPosts()).includes('in your DM'));
    await slash('U0BOB', 'skills chart');
    await fake.waitFor(() => JSON.stringify(fake.responseUrlPosts()).includes('nothing to chart'));
    expect(fake.uploadedFiles()).toHaveLength(1);
  });
});

const SKILL_CONFIRM = 'confirm_lower';
