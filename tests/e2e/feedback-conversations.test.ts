import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import { seedWorkspace, startTestApp, TEAM, type TestApp } from '../support/app-harness.ts';
import {
  clickInDm,
  commandReply,
  deliverNow,
  dms,
  feedbackSnapshot,
  messageText,
  outboxRow,
  waitForDm,
} from '../support/feedback-e2e.ts';
import { homeText, query } from '../support/plans-e2e.ts';
import { waitUntil } from '../support/rituals.ts';

// Thursday 1 October 2026, 12:00 UTC: the first day of Q4. 13:00 in London, 08:00 in New York.
const NOW = new Date('2026-10-01T12:00:00Z');
const ALICE = 'U0ALICE'; // New York, workspace admin
const BOB = 'U0BOB'; // London
const LEE = 'U0LEE'; // New York: Bob's manager

function heldValue(message: { blocks?: unknown }): string {
  const blocks = (message.blocks ?? []) as Array<{
    elements?: Array<{ action_id?: string; value?: string }>;
  }>;
  const button = blocks
    .flatMap((b) => b.elements ?? [])
    .find((e) => e.action_id === 'feedback_conversation_held');
  if (!button?.value) throw new Error('no "We had it" button');
  return button.value;
}

describe('managers and the quarterly feedback conversation', () => {
  let fake: FakeSlack;
  let app: TestApp;
  const clock = fixedClock(NOW);
  const slash = async (userId: string, text: string) =>
    commandReply(fake, await app.slack.slashCommand({ teamId: TEAM, userId, text }));
  const runNudges = () => {
    const job = app.running.features.jobs.get('feedback.conversation-nudges');
    if (!job) throw new Error('feedback.conversation-nudges is not registered');
    return job.run({});
  };

  beforeAll(async () => {
    fake = await startFakeSlack();
    seedWorkspace(fake);
    fake.addUser({ teamId: TEAM, userId: LEE, name: 'lee', tz: 'America/New_York' });
    fake.addUser({ teamId: TEAM, userId: 'U0ROBOT', name: 'robot', isBot: true });
    app = await startTestApp({ fake, clock });
  });
  afterAll(async () => {
    await app?.cleanup();
    await fake?.close();
  });

  it('`/careerplan manager @x` refuses what it must, records the manager, and tells them', async () => {
    const before = await feedbackSnapshot(app);
    expect(await slash(BOB, `manager <@${BOB}|bob>`)).toContain('cannot be your own manager');
    expect(await slash(BOB, 'manager <@U0ROBOT|robot>')).toContain('is a bot');
    expect(await slash(BOB, `manager <@${LEE}|lee> <@${ALICE}|alice>`)).toContain('Name one manager');
    expect(await feedbackSnapshot(app)).toEqual(before);

    expect(await slash(BOB, `manager <@${LEE}|lee>`)).toContain(`Your manager is <@${LEE}>`);
    expect(await query(app, 'select user_id, manager_id from feedback_managers')).toEqual([
      { user_id: BOB, manager_id: LEE },
    ]);
    expect(await slash(BOB, 'manager')).toContain(`Your manager is <@${LEE}>`);
    // 08:00 in New York: Lee hears at 09:30 his time.
    const key = `feedback:manager:${BOB}:${LEE}`;
    expect((await outboxRow(app, TEAM, key))?.due_at.toISOString()).toBe('2026-10-01T13:30:00.000Z');
  });

  it('admins set how often conversations come round', async () => {
    expect(await slash(BOB, 'manager every 6')).toContain('Only workspace admins');
    expect(await slash(ALICE, 'manager every 5')).toContain('1, 2, 3, 4, 6 or 12');
    expect(await query(app, 'select * from feedback_settings')).toEqual([]);
    expect(await slash(ALICE, 'manager every 3')).toContain('every quarter');
  });

  it('each member is nudged once a quarter, their manager too; both confirming ticks the quick start', async () => {
    await runNudges();
    await runNudges(); // a second run (another worker, a retry) opens nothing more
    const conversations = await query<{ user_id: string; manager_id: string | null; period: string }>(
      app,
      'select user_id, manager_id, period from feedback_conversations order by user_id',
    );
    expect(conversations).toEqual([
      { user_id: ALICE, manager_id: null, period: '2026-10' },
      { user_id: BOB, manager_id: LEE, period: '2026-10' },
      { user_id: LEE, manager_id: null, period: '2026-10' },
    ]);
    // Bob is in working hours now; Lee's nudges wait for his 09:30.
    const toBob = await waitForDm(fake, TEAM, BOB, 'feedback conversation');
    expect(messageText(toBob)).toContain(`with <@${LEE}>`);
    expect(messageText(toBob)).toContain('Q4 2026');
    clock.set(new Date('2026-10-01T13:30:00Z'));
    expect(await deliverNow(app, TEAM, `feedback:manager:${BOB}:${LEE}`)).toBe('sent');
    expect(await deliverNow(app, TEAM, `feedback:conversation:2026-10:${BOB}:manager:${LEE}`)).toBe('sent');
    expect(await deliverNow(app, TEAM, `feedback:conversation:2026-10:${ALICE}`)).toBe('sent');
    const toLee = await waitForDm(fake, TEAM, LEE, `conversation with <@${BOB}>`);
    const toAlice = await waitForDm(fake, TEAM, ALICE, '/careerplan manager @name');
    expect(JSON.stringify(toAlice.blocks)).not.toContain('feedback_conversation_held');
    expect(dms(fake, TEAM, BOB).filter((m) => messageText(m).includes('feedback conversation'))).toHaveLength(
      1,
    );

    // Bob confirms: not held yet.
    await clickInDm(app, TEAM, BOB, toBob, 'feedback_conversation_held', heldValue(toBob));
    await fake.waitFor(() => JSON.stringify(fake.responseUrlPosts()).includes('once <@U0LEE> confirms'));
    expect(
      await query(app, "select id from activity_events where kind = 'feedback_conversation.held'"),
    ).toEqual([]);
    // Alice cannot confirm Bob's conversation.
    const posts = fake.responseUrlPosts().length;
    await clickInDm(app, TEAM, ALICE, toAlice, 'feedback_conversation_held', heldValue(toBob));
    await fake.waitFor(() => fake.responseUrlPosts().length > posts);
    expect(JSON.stringify(fake.responseUrlPosts().slice(posts))).toContain('not one of yours');

    // Lee confirms: held, for both of them, and Bob's quick-start item ticks.
    await clickInDm(app, TEAM, LEE, toLee, 'feedback_conversation_held', heldValue(toLee));
    await fake.waitFor(() => JSON.stringify(fake.responseUrlPosts()).includes('you both confirmed it'));
    const held = await query<{ user_id: string }>(
      app,
      "select user_id from activity_events where kind = 'feedback_conversation.held' order by user_id",
    );
    expect(held).toEqual([{ user_id: BOB }, { user_id: LEE }]);
    await fake.waitFor(() => homeText(fake, TEAM, BOB).includes('~Have a quarterly feedback conversation~'));
    expect(fake.violations).toEqual([]);
  });

  it('the nudges and the after-review asks run on BullMQ job schedulers', async () => {
    const queue = app.running.deps.queues.queueFor('housekeeping');
    const scheduler = async (name: string) => queue.getJobScheduler(`feature-job__feedback.${name}`);
    // Registered at worker start, which may still be under way.
    await waitUntil(
      async () => (await scheduler('conversation-nudges')) !== undefined,
      5000,
      'the schedulers',
    );
    const nudges = await scheduler('conversation-nudges');
    expect(nudges?.every).toBe(60 * 60_000);
    expect((await scheduler('review-asks'))?.every).toBe(15 * 60_000);
  });

  it('naming a manager mid-quarter hands them the open conversation', async () => {
    expect(await slash(ALICE, `manager <@${LEE}|lee>`)).toContain(`Your manager is <@${LEE}>`);
    const [alice] = await query<{ manager_id: string }>(
      app,
      'select manager_id from feedback_conversations where user_id = $1',
      [ALICE],
    );
    expect(alice?.manager_id).toBe(LEE);
    expect(await deliverNow(app, TEAM, `feedback:conversation:2026-10:${ALICE}:manager:${LEE}`)).toBe('sent');
    await waitForDm(fake, TEAM, LEE, `conversation with <@${ALICE}>`);
  });
});
