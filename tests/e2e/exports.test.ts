import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import { seedWorkspace, startTestApp, TEAM, type TestApp } from '../support/app-harness.ts';
import { lastModal, submitModal } from '../support/plans-e2e.ts';

const ALICE = 'U0ALICE';

/**
 * Every export kind over HTTP: each arrives in the member's DM as a Markdown file, and as a canvas
 * the member may edit when the workspace allows canvases; when it refuses, the file still arrives
 * with a one-line reason.
 */
describe('exports as files and canvases', () => {
  let fake: FakeSlack;
  let app: TestApp;

  const exportKind = async (kind: string) => {
    fake.reset();
    const res = await app.slack.slashCommand({ teamId: TEAM, userId: ALICE, text: `export ${kind}` });
    expect(res.status).toBe(200);
    await fake.waitFor(() => fake.uploadedFiles().length === 1);
    await fake.waitFor(() => fake.responseUrlPosts().length === 1);
    return {
      file: fake.uploadedFiles()[0],
      reply: String(fake.responseUrlPosts()[0]?.body.text),
      dm: fake.messages(fake.dmChannelFor(TEAM, ALICE)),
    };
  };

  beforeAll(async () => {
    fake = await startFakeSlack();
    seedWorkspace(fake);
    app = await startTestApp({ fake, clock: fixedClock(new Date('2026-09-01T00:30:00Z')) });
    await app.slack.slashCommand({ teamId: TEAM, userId: ALICE, text: 'portfolio add' });
    await fake.waitFor(() => fake.callsTo('views.open').length === 1);
    await submitModal(app, TEAM, ALICE, lastModal(fake, 'portfolio_add'), {
      kind: { option: 'talk' },
      title: 'Retries without storms',
      link: 'https://meetup.example/talks/retries',
      impact: 'Three teams adopted jittered backoff.',
    });
  });
  afterAll(async () => {
    await app?.cleanup();
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  it('`export` offers every kind its features declare', async () => {
    const reply = (await app.slack.slashCommand({ teamId: TEAM, userId: ALICE, text: 'export' })).json() as {
      text: string;
    };
    for (const kind of ['plan', 'portfolio', 'design-doc'])
      expect(reply.text).toContain(`\`/careerplan export ${kind}\``);
  });

  it.each([
    ['plan', 'career-plan.md', 'Career plan', '# Career plan: alice', 'Your career plan'],
    ['portfolio', 'impact-portfolio.md', 'Impact portfolio', '## Talk', 'Your impact portfolio'],
    [
      'design-doc',
      'design-doc.md',
      'Design doc (template)',
      '## Options with trade-offs',
      'A design-doc template',
    ],
  ])(
    'export %s arrives as a file and as a canvas the member can edit',
    async (kind, filename, title, heading, what) => {
      const { file, reply, dm } = await exportKind(kind);
      expect(file).toMatchObject({ filename, title, channelId: fake.dmChannelFor(TEAM, ALICE) });
      expect(file?.content).toContain(heading);
      const canvases = fake.canvases();
      expect(canvases).toHaveLength(1);
      expect(canvases[0]).toMatchObject({ title, markdown: file?.content, access: { [ALICE]: 'write' } });
      expect(reply).toBe(
        `:page_facing_up: ${what} is in your DM with careerplan, as a Markdown file and a canvas.`,
      );
      expect(dm).toHaveLength(1);
      expect(dm[0]?.text).toContain(
        `Also as a canvas you can edit: <https://team-t0team1.slack.com/docs/${TEAM}/${canvases[0]?.canvasId}|${title}>`,
      );
      expect(fake.violations).toEqual([]);
    },
  );

  it('the portfolio export groups by kind with links and impact', async () => {
    const { file } = await exportKind('portfolio');
    expect(file?.content).toContain('# Impact portfolio: alice');
    expect(file?.content).toContain(
      '## Talk\n\n- [Retries without storms](https://meetup.example/talks/retries) · 2026-08-31\n  Three teams adopted jittered backoff.',
    );
  });

  it.each([
    ['canvas_disabled_user_team', 'canvases are turned off in this workspace'],
    [
      'free_teams_cannot_create_non_tabbed_canvases',
      "this workspace's Slack plan does not let apps create canvases",
    ],
    ['missing_scope', 'careerplan was installed without permission to create canvases'],
  ])('a workspace that refuses canvases (%s) gets the file and a one-line reason', async (error, reason) => {
    fake.refuseCanvases(TEAM, error);
    try {
      const { file, reply, dm } = await exportKind('portfolio');
      expect(file?.filename).toBe('impact-portfolio.md');
      expect(fake.canvases()).toEqual([]);
      expect(reply).toContain(`as a Markdown file (no canvas: ${reason}`);
      expect(dm[0]?.text).toContain(`_No canvas this time: ${reason}`);
    } finally {
      fake.refuseCanvases(TEAM, undefined);
    }
  });

  it('App Home’s export button sends the same file', async () => {
    await app.slack.blockActions({
      teamId: TEAM,
      userId: ALICE,
      actions: [{ action_id: 'portfolio_export' }],
      view: { type: 'home' },
    });
    await fake.waitFor(() => fake.uploadedFiles().length === 1);
    expect(fake.uploadedFiles()[0]?.filename).toBe('impact-portfolio.md');
    expect(fake.canvases()).toHaveLength(1);
  });
});
