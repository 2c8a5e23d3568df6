import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Deps } from '../../src/deps.ts';
import { validateView } from '../../src/sandbox/slack/block-kit-limits.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import type { FeatureFactory } from '../../src/slack/kit/feature.ts';
import { seedWorkspace, startTestApp, TEAM, type TestApp } from '../support/app-harness.ts';
import { homeText, query } from '../support/plans-e2e.ts';

/**
 * A whole feature defined only in this test: a subcommand with its help line, an App Home
 * section, a quick-start item ticked by its own activity, an export kind and an erase hook. It
 * plugs in through the same extension points as the product's features, with no edit anywhere
 * else — the promise of docs/architecture.md's "how to add a feature".
 */
const lessons: FeatureFactory<Deps> = (deps, shell) => ({
  name: 'lessons',
  subcommands: {
    lesson: async (ctx) => {
      if (!ctx.rest)
        return { text: '`/careerplan lesson` needs the lesson, e.g. `/careerplan lesson add jitter`' };
      await deps.activity.record([
        {
          teamId: ctx.teamId,
          userId: ctx.userId,
          kind: 'x.lesson',
          sourceKey: `lesson:${ctx.userId}:${ctx.rest}`,
          occurredAt: deps.clock.now(),
        },
      ]);
      await ctx.ack();
      await shell.home.refresh(ctx.client, ctx.teamId, ctx.userId);
      return { text: 'Lesson noted.' };
    },
  },
  help: [{ name: 'lesson', summary: 'note something you learned', example: '/careerplan lesson add jitter' }],
  homeSections: [
    {
      id: 'lessons',
      order: 50,
      async render({ member, tz }) {
        return [
          { type: 'section', text: { type: 'mrkdwn', text: `*Lessons* of ${member.userId}, in ${tz}` } },
        ];
      },
    },
  ],
  quickStart: [
    {
      id: 'first_lesson',
      label: 'Note your first lesson',
      hint: 'One line is enough.',
      command: '/careerplan lesson',
      order: 5,
      ticksOn: ['x.lesson'],
    },
  ],
  exportKinds: [
    {
      kind: 'lessons',
      summary: 'your lessons',
      async run(ctx) {
        await ctx.ack();
        const dm = await ctx.client.conversations.open({ users: ctx.userId });
        await ctx.client.filesUploadV2({
          channel_id: dm.channel?.id ?? '',
          content: '# Lessons\n\n- add jitter\n',
          filename: 'lessons.md',
          title: 'Lessons',
        });
        return { text: 'Your lessons are in your DM.' };
      },
    },
  ],
});

describe('a feature defined only in a test plugs into every extension point', () => {
  let fake: FakeSlack;
  let app: TestApp;
  const slash = async (text: string) =>
    ((await app.slack.slashCommand({ teamId: TEAM, userId: 'U0ALICE', text })).json() as { text?: string }) ??
    {};

  beforeAll(async () => {
    fake = await startFakeSlack();
    seedWorkspace(fake);
    app = await startTestApp({ fake, features: [lessons] });
  });
  afterAll(async () => {
    await app?.cleanup();
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  it('its subcommand is in help, and its Home section and quick-start item appear and tick', async () => {
    const help = JSON.stringify(
      (await app.slack.slashCommand({ teamId: TEAM, userId: 'U0ALICE', text: 'help' })).json(),
    );
    expect(help).toContain('*lesson* — note something you learned');

    await app.slack.event({
      teamId: TEAM,
      event: { type: 'app_home_opened', user: 'U0ALICE', channel: 'D0ALICE', tab: 'home' },
    });
    await fake.waitFor(() => homeText(fake, TEAM, 'U0ALICE').includes('Lessons'));
    let home = homeText(fake, TEAM, 'U0ALICE');
    expect(home).toContain('*Lessons* of U0ALICE, in America/New_York');
    expect(home).toContain('Quick start · 0/8 done');
    expect(home).toContain('*Note your first lesson*');

    fake.reset();
    await slash('lesson add jitter to retries');
    await fake.waitFor(() => homeText(fake, TEAM, 'U0ALICE').includes('1/8 done'));
    home = homeText(fake, TEAM, 'U0ALICE');
    expect(home).toContain('~Note your first lesson~');
    // Its section sits between the plan (order 10) and the quick start (order 90).
    expect(home.indexOf('North star')).toBeLessThan(home.indexOf('*Lessons*'));
    expect(home.indexOf('*Lessons*')).toBeLessThan(home.indexOf('Quick start'));
    expect(validateView(fake.homeView(TEAM, 'U0ALICE')?.view)).toEqual([]);
  });

  it('the manifest advertises only subcommands that work', () => {
    const manifest = readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8');
    const hint = /usage_hint: "\[(.*)\]"/.exec(manifest)?.[1] ?? '';
    const words = hint.split('|').map((option) => option.trim().split(' ')[0] ?? '');
    expect(words.length).toBeGreaterThan(3);
    for (const word of words)
      expect(['help', ...Object.keys(app.running.features.subcommands)]).toContain(word);
  });

  it('its export kind is offered and runs', async () => {
    expect((await slash('export')).text).toContain('`/careerplan export lessons`');
    await app.slack.slashCommand({ teamId: TEAM, userId: 'U0ALICE', text: 'export lessons' });
    await fake.waitFor(() => fake.uploadedFiles().length === 1);
    expect(fake.uploadedFiles()[0]).toMatchObject({
      filename: 'lessons.md',
      content: '# Lessons\n\n- add jitter\n',
    });
    await fake.waitFor(() =>
      JSON.stringify(fake.responseUrlPosts()).includes('Your lessons are in your DM.'),
    );
  });

  it('erasing a member through every feature leaves no row of theirs in any table with a user id', async () => {
    for (const userId of ['U0ALICE', 'U0BOB']) {
      await app.slack.slashCommand({ teamId: TEAM, userId, text: 'lesson retries need jitter' });
      await app.slack.slashCommand({ teamId: TEAM, userId, text: 'ooo 2030-01-01 2030-01-02' });
    }
    await fake.waitFor(() => fake.callsTo('views.publish').length >= 2);
    const erased = await app.running.features.erase({ teamId: TEAM, userId: 'U0ALICE' });
    expect(erased['core.activity']).toBe(2);
    expect(erased['rituals.outOfOffice']).toBe(1);
    expect(erased['core.profile']).toBe(1);
    // Introspected, so a table added later cannot be forgotten by this test.
    const tables = await query<{ table_name: string }>(
      app,
      `SELECT table_name FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name = 'user_id'`,
    );
    expect(tables.length).toBeGreaterThan(5);
    for (const { table_name } of tables) {
      const left = await query<{ n: number }>(
        app,
        `SELECT count(*)::int AS n FROM "${table_name}" WHERE user_id = $1`,
        ['U0ALICE'],
      );
      expect({ table: table_name, rows: left[0]?.n }).toEqual({ table: table_name, rows: 0 });
    }
    const bob = await query<{ n: number }>(
      app,
      'SELECT count(*)::int AS n FROM activity_events WHERE user_id = $1',
      ['U0BOB'],
    );
    expect(bob[0]?.n).toBe(1);
  });
});
