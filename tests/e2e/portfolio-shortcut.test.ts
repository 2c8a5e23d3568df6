import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import { validateView } from '../../src/sandbox/slack/block-kit-limits.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import { seedWorkspace, startTestApp, TEAM, type TestApp } from '../support/app-harness.ts';
import { lastModal, query, submitModal } from '../support/plans-e2e.ts';
import { messageShortcut } from '../support/shortcuts.ts';

const ALICE = 'U0ALICE';
const BOB = 'U0BOB';
type Obj = Record<string, unknown>;

/**
 * The "Add to portfolio" message shortcut over signed HTTP: the form is filled in from the
 * message's payload and chat.getPermalink only, so it works in a channel the bot is not in, and
 * the confirmation goes back through the shortcut's response_url.
 */
describe('"Add to portfolio" message shortcut', () => {
  let fake: FakeSlack;
  let app: TestApp;

  const artifacts = () =>
    query<{ kind: string; title: string; link: string | null; source: string }>(
      app,
      'SELECT kind, title, link, source FROM portfolio_artifacts ORDER BY id',
    );

  beforeAll(async () => {
    fake = await startFakeSlack();
    seedWorkspace(fake);
    app = await startTestApp({ fake, clock: fixedClock(new Date('2026-09-01T00:30:00Z')) });
  });
  afterAll(async () => {
    await app?.cleanup();
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  it('"Add to portfolio" on a message in a channel the bot is not in prefills the text and permalink', async () => {
    fake.addChannel({ teamId: TEAM, channelId: 'C0LAUNCH', name: 'launches', members: [ALICE, BOB] });
    // Posted 2026-08-17 20:53 UTC (16:53 in New York).
    const ts = fake.postUserMessage({
      ts: '1787000000.000200',
      teamId: TEAM,
      channelId: 'C0LAUNCH',
      userId: BOB,
      text: 'Shipped <https://github.com/acme/search/pull/42|search v2> &amp; its dashboards\nThanks <@U0ALICE|alice> for the design!',
    });
    const res = await messageShortcut(app, fake, {
      teamId: TEAM,
      userId: ALICE,
      callbackId: 'portfolio_add_from_message',
      channelId: 'C0LAUNCH',
      message: { ts, text: fake.messages('C0LAUNCH').at(-1)?.text ?? '', user: BOB },
    });
    expect(res.status).toBe(200);
    await fake.waitFor(() => fake.callsTo('views.open').length === 1);
    const view = lastModal(fake, 'portfolio_add');
    expect(validateView(view)).toEqual([]);
    const blocks = JSON.stringify(view.blocks);
    const permalink = `https://team-t0team1.slack.com/archives/C0LAUNCH/p${ts.replace('.', '')}`;
    expect(blocks).toContain(`"initial_value":"${permalink}"`);
    expect(blocks).toContain('"initial_value":"Shipped search v2 & its dashboards"');
    expect(blocks).toContain(
      '"initial_value":"Shipped search v2 & its dashboards Thanks @alice for the design!"',
    );
    expect(blocks).toContain('"initial_date":"2026-08-17"');
    expect(fake.callsTo('chat.getPermalink')).toHaveLength(1);
    // Nothing that needs the bot in the channel was called.
    for (const method of [
      'conversations.history',
      'conversations.replies',
      'chat.postEphemeral',
      'chat.postMessage',
    ]) {
      expect(fake.callsTo(method)).toEqual([]);
    }

    await submitModal(app, TEAM, ALICE, view, { kind: { option: 'feature_shipped' } });
    const stored = (await artifacts()).at(-1);
    expect(stored).toMatchObject({
      kind: 'feature_shipped',
      source: 'message',
      link: permalink,
      title: 'Shipped search v2 & its dashboards',
    });
    await fake.waitFor(() => fake.responseUrlPosts().length === 1);
    expect(fake.responseUrlPosts()[0]?.id).toBe(res.responseUrl.split('/').pop());
    expect(JSON.stringify(fake.responseUrlPosts()[0]?.body)).toContain(
      'Added *Shipped search v2 &amp; its dashboards* to your portfolio',
    );
    expect(fake.violations).toEqual([]);
  });

  it('on a message Slack gives no permalink for, the form still opens, without a link', async () => {
    const res = await messageShortcut(app, fake, {
      teamId: TEAM,
      userId: ALICE,
      callbackId: 'portfolio_add_from_message',
      channelId: 'G0PRIVATE',
      message: { ts: '1780000000.000100', text: 'Wrote the incident review', user: BOB },
    });
    expect(res.status).toBe(200);
    await fake.waitFor(() => fake.callsTo('views.open').length === 1);
    const blocks = JSON.stringify(lastModal(fake, 'portfolio_add').blocks);
    expect(blocks).toContain('Slack gave no link to it');
    expect(blocks).toContain('"initial_value":"Wrote the incident review"');
    const link = (lastModal(fake, 'portfolio_add').blocks as Obj[]).find((b) => b.block_id === 'link');
    const element = (link?.element ?? {}) as Obj;
    expect(element.type).toBe('plain_text_input');
    expect(element.initial_value).toBeUndefined();
    // The date is the message's day in Alice's zone (1780000000 = 2026-05-28 20:26 UTC).
    expect(blocks).toContain('"initial_date":"2026-05-28"');
  });
});
