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
 * The impact portfolio over signed HTTP against the fake Slack: add (with field errors), list by
 * quarter with the monthly contributions, edit and remove from the list's menus, and ownership.
 * The "Add to portfolio" message shortcut: portfolio-shortcut.test.ts.
 */
describe('impact portfolio', () => {
  let fake: FakeSlack;
  let app: TestApp;

  const slash = async (userId: string, text: string) =>
    (await app.slack.slashCommand({ teamId: TEAM, userId, text })).json() as {
      text?: string;
      blocks?: Obj[];
    };

  const openAdd = async (userId = ALICE) => {
    fake.reset();
    await app.slack.slashCommand({ teamId: TEAM, userId, text: 'portfolio add' });
    await fake.waitFor(() => fake.callsTo('views.open').length === 1);
    const view = lastModal(fake, 'portfolio_add');
    expect(validateView(view)).toEqual([]);
    return view;
  };

  const menuClick = (userId: string, id: string, verb: 'edit' | 'remove') =>
    app.slack.blockActions({
      teamId: TEAM,
      userId,
      actions: [
        {
          action_id: `portfolio_artifact_menu:${id}`,
          type: 'overflow',
          selected_option: { value: `${verb}:${id}` },
        },
      ],
    });

  const artifacts = () =>
    query<{
      id: string;
      user_id: string;
      kind: string;
      title: string;
      link: string | null;
      source: string;
      occurred_on: string;
      milestone_id: string | null;
    }>(
      app,
      'SELECT id, user_id, kind, title, link, source, occurred_on::text, milestone_id FROM portfolio_artifacts ORDER BY id',
    );
  const activity = (userId: string) =>
    query<{ kind: string; source_key: string }>(
      app,
      "SELECT kind, source_key FROM activity_events WHERE user_id = $1 AND kind LIKE 'artifact.%' ORDER BY id",
      [userId],
    );

  beforeAll(async () => {
    fake = await startFakeSlack();
    seedWorkspace(fake);
    // 00:30 UTC on 1 Sep is still 31 Aug (Q3) in New York: Alice's dates are her own.
    app = await startTestApp({ fake, clock: fixedClock(new Date('2026-09-01T00:30:00Z')) });
  });
  afterAll(async () => {
    await app?.cleanup();
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  it('portfolio add: field errors store nothing; a valid artifact is stored with its activity and ticks the quick start', async () => {
    const view = await openAdd();
    const blocks = JSON.stringify(view.blocks);
    for (const kind of [
      'Design doc',
      'Feature shipped',
      'Dashboard / observability',
      'Incident postmortem',
      'Mentoring note',
      'Talk',
      'Blog post',
      'Open-source contribution',
      'Other',
    ]) {
      expect(blocks).toContain(kind);
    }
    expect(blocks).toContain('"initial_date":"2026-08-31"');

    const good: Record<string, Typed> = {
      kind: { option: 'talk' },
      title: 'Retries without storms',
      link: 'https://meetup.example/talks/retries',
      impact: 'Three teams adopted jittered backoff after the talk.',
      occurredOn: { date: '2026-05-12' },
    };
    for (const [field, value, message] of [
      ['link', 'ftp://nope', 'starting with https://'],
      ['impact', '', 'what changed because of it'],
      ['occurredOn', { date: '2026-09-02' }, 'in the future'],
    ] as const) {
      const res = await submitModal(app, TEAM, ALICE, view, { ...good, [field]: value });
      expect(res.json()).toMatchObject({
        response_action: 'errors',
        errors: { [field]: expect.stringContaining(message) },
      });
    }
    expect(await artifacts()).toEqual([]);

    await submitModal(app, TEAM, ALICE, view, good);
    const [stored] = await artifacts();
    expect(stored).toMatchObject({
      user_id: ALICE,
      kind: 'talk',
      title: 'Retries without storms',
      source: 'manual',
      occurred_on: '2026-05-12',
    });
    expect(await activity(ALICE)).toEqual([
      { kind: 'artifact.talk', source_key: `artifact:${stored?.id}#artifact` },
    ]);
    await fake.waitFor(() => homeText(fake, TEAM, ALICE).includes('Impact portfolio · 1 artifact'));
    const home = homeText(fake, TEAM, ALICE);
    expect(home).toContain('~Publish one public artifact~');
    expect(validateView(fake.homeView(TEAM, ALICE)?.view)).toEqual([]);
    expect(fake.violations).toEqual([]);
  });

  it('portfolio lists artifacts by quarter, monthly contributions included', async () => {
    // A contribution logged through the ritual's own modal (not a second table).
    await app.slack.viewSubmission({
      teamId: TEAM,
      userId: ALICE,
      view: {
        callback_id: 'contribution_log',
        private_metadata: JSON.stringify({ deliveryId: null }),
        state: {
          values: {
            kind: { value: { type: 'static_select', selected_option: { value: 'bug_fix' } } },
            title: { value: { type: 'plain_text_input', value: 'Fixed the flaky export' } },
            link: { value: { type: 'url_text_input', value: null } },
            impact: { value: { type: 'plain_text_input', value: 'Exports stopped failing on Mondays.' } },
          },
        },
      },
    });
    await fake.waitFor(() => fake.callsTo('chat.postMessage').length === 1);
    const list = await slash(ALICE, 'portfolio');
    expect(validateMessage(list)).toEqual([]);
    const text = JSON.stringify(list.blocks);
    expect(text).toContain('*2026-Q3* · 1 artifact');
    expect(text).toContain('*2026-Q2* · 1 artifact');
    expect(text.indexOf('Fixed the flaky export')).toBeLessThan(text.indexOf('Retries without storms'));
    expect(text).toContain('Bug fix · 2026-08-31');
    expect(text).toContain(
      '<https://meetup.example/talks/retries|Retries without storms> · Talk · 2026-05-12',
    );
    expect((await slash(ALICE, 'portfolio everything')).text).toContain('`/careerplan portfolio add`');
  });

  it('edit from the list changes the artifact and moves its quick-start activity; the list is replaced', async () => {
    const [talk] = (await artifacts()).filter((a) => a.kind === 'talk');
    const click = await menuClick(ALICE, String(talk?.id), 'edit');
    await fake.waitFor(() => fake.callsTo('views.open').length === 1);
    const view = lastModal(fake, 'portfolio_edit');
    expect(JSON.stringify(view.blocks)).toContain('"initial_value":"Retries without storms"');
    await submitModal(app, TEAM, ALICE, view, {
      kind: { option: 'blog_post' },
      title: 'Retries without storms (the post)',
    });
    expect((await artifacts()).find((a) => a.id === talk?.id)).toMatchObject({
      kind: 'blog_post',
      title: 'Retries without storms (the post)',
      occurred_on: '2026-05-12',
    });
    expect(await activity(ALICE)).toEqual(
      expect.arrayContaining([{ kind: 'artifact.blog_post', source_key: `artifact:${talk?.id}#artifact` }]),
    );
    expect((await activity(ALICE)).some((a) => a.kind === 'artifact.talk')).toBe(false);
    await fake.waitFor(() => fake.responseUrlPosts(click.responseUrl?.split('/').pop()).length === 1);
    const replaced = fake.responseUrlPosts(click.responseUrl?.split('/').pop())[0]?.body ?? {};
    expect(replaced.replace_original).toBe(true);
    expect(JSON.stringify(replaced)).toContain('Saved *Retries without storms (the post)*');
    expect(fake.violations).toEqual([]);
  });

  it("another member can neither open nor save an edit of Alice's artifact", async () => {
    const [talk] = (await artifacts()).filter((a) => a.kind === 'blog_post');
    await menuClick(BOB, String(talk?.id), 'edit');
    await fake.waitFor(() => fake.responseUrlPosts().length === 1);
    expect(JSON.stringify(fake.responseUrlPosts()[0]?.body)).toContain('not in your portfolio');
    expect(fake.callsTo('views.open')).toHaveLength(0);

    // A forged submission naming Alice's artifact: refused beside the title, nothing changed.
    const forged = await app.slack.viewSubmission({
      teamId: TEAM,
      userId: BOB,
      view: {
        callback_id: 'portfolio_edit',
        private_metadata: JSON.stringify({ id: talk?.id }),
        blocks: [{ type: 'input', block_id: 'title' }],
        state: {
          values: {
            kind: { kind: { type: 'static_select', selected_option: { value: 'other' } } },
            title: { title: { type: 'plain_text_input', value: 'Bob was here' } },
            link: { link: { type: 'plain_text_input', value: null } },
            impact: { impact: { type: 'plain_text_input', value: 'None.' } },
            occurredOn: { occurredOn: { type: 'datepicker', selected_date: '2026-08-01' } },
          },
        },
      },
    });
    expect(JSON.stringify(forged.json())).toContain('not in your portfolio');
    expect((await artifacts()).find((a) => a.id === talk?.id)?.title).toBe(
      'Retries without storms (the post)',
    );
  });

  it('an artifact links to a milestone of its owner only', async () => {
    await app.slack.slashCommand({ teamId: TEAM, userId: ALICE, text: 'milestone add' });
    await fake.waitFor(() => fake.callsTo('views.open').length === 1);
    await submitModal(app, TEAM, ALICE, lastModal(fake, 'plans_milestone_add'), {
      kind: { option: 'visibility' },
      title: 'Speak at two meetups',
      dueDate: { date: '2026-12-15' },
    });
    const [milestone] = await query<{ id: string }>(app, 'SELECT id FROM milestones WHERE user_id = $1', [
      ALICE,
    ]);
    const view = await openAdd();
    expect(JSON.stringify(view.blocks)).toContain(`"value":"milestone:${milestone?.id}"`);
    const typed: Record<string, Typed> = {
      kind: { option: 'talk' },
      title: 'Meetup talk on queues',
      impact: 'Two teams asked for the slides.',
      occurredOn: { date: '2026-08-20' },
      evidenceFor: { option: `milestone:${milestone?.id}` },
    };
    await submitModal(app, TEAM, ALICE, view, typed);
    expect((await artifacts()).find((a) => a.title === 'Meetup talk on queues')?.milestone_id).toBe(
      milestone?.id,
    );
    const list = JSON.stringify((await slash(ALICE, 'portfolio')).blocks);
    expect(list).toContain('Evidence for the milestone “Speak at two meetups”');

    // Bob naming Alice's milestone: refused beside the picker, nothing stored.
    const bobView = await openAdd(BOB);
    const res = await submitModal(
      app,
      TEAM,
      BOB,
      { ...bobView, blocks: view.blocks },
      { ...typed, title: 'Sneaky' },
    );
    expect(res.json()).toMatchObject({
      response_action: 'errors',
      errors: { evidenceFor: expect.stringContaining('not in your plan') },
    });
    expect((await artifacts()).some((a) => a.title === 'Sneaky')).toBe(false);
  });

  it('remove from the list asks first, then removes the artifact and its activity', async () => {
    const [post] = (await artifacts()).filter((a) => a.kind === 'blog_post');
    const click = await menuClick(ALICE, String(post?.id), 'remove');
    await fake.waitFor(() => fake.callsTo('views.open').length === 1);
    const view = lastModal(fake, 'portfolio_remove');
    expect(JSON.stringify(view.blocks)).toContain('Remove *Retries without storms (the post)*');
    expect((await artifacts()).some((a) => a.id === post?.id)).toBe(true);
    await submitModal(app, TEAM, ALICE, view, {});
    expect((await artifacts()).some((a) => a.id === post?.id)).toBe(false);
    expect((await activity(ALICE)).some((a) => a.source_key.startsWith(`artifact:${post?.id}#`))).toBe(false);
    await fake.waitFor(() => fake.responseUrlPosts(click.responseUrl?.split('/').pop()).length === 1);
    expect(JSON.stringify(fake.responseUrlPosts()[0]?.body)).toContain(
      'Removed *Retries without storms (the post)*',
    );
    // Removing it again (a stale list): a notice in the modal, nothing else changes.
    const again = await submitModal(app, TEAM, ALICE, view, {});
    expect(JSON.stringify(again.json())).toContain('not in your portfolio');
  });
});
