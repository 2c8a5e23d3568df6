/**
 * Helpers for the learning-hour and design-review e2e tests: set a channel ritual up as the
 * setup modal would, find the thread it posted, build Slack message events, and move a delayed
 * BullMQ timer forward (time passing) without waiting for it.
 */
import type { Cadence } from '../../src/domain/schedules/index.ts';
import type { FakeSlack, FakeSlackMessage } from '../../src/sandbox/slack/fake-slack.ts';
import type { TestApp } from './app-harness.ts';
import { seedWorkspace, TEAM } from './app-harness.ts';
import { query } from './plans-e2e.ts';
import { waitUntil } from './rituals.ts';

/** Points a ritual at a channel (what `/careerplan ritual setup` saves). */
export async function setUpChannelRitual(
  app: TestApp,
  name: string,
  channelId: string,
  options: { teamId?: string; cadence?: Cadence } = {},
) {
  const deps = app.running.deps;
  const teamId = options.teamId ?? TEAM;
  await deps.workspaces.upsertWorkspace(teamId);
  const ritual = await deps.rituals.find(teamId, name);
  return deps.rituals.saveSetup(teamId, name, {
    channelId,
    cadence: options.cadence ?? ritual.cadence,
    localTime: ritual.localTime,
    timeZone: null,
  });
}

/** The newest ritual post the outbox sent in a channel: its ts (the thread) and occurrence. */
export async function threadOf(
  app: TestApp,
  fake: FakeSlack,
  channelId: string,
  /** A thread already seen: wait for a newer one. */
  notOccurrence?: string,
): Promise<{ ts: string; occurrenceId: string; rowId: string }> {
  await fake.waitFor(() => fake.messages(channelId).some((m) => m.threadTs === undefined), 15_000);
  for (let i = 0; i < 100; i++) {
    const rows = await query<{ message_ts: string | null; occurrence_id: string; id: string }>(
      app,
      `SELECT message_ts, occurrence_id, id FROM outbox
        WHERE kind = 'ritual.post' AND channel_id = $1 AND status = 'sent' ORDER BY sent_at DESC LIMIT 1`,
      [channelId],
    );
    const row = rows[0];
    if (row?.message_ts && row.occurrence_id !== notOccurrence)
      return { ts: row.message_ts, occurrenceId: row.occurrence_id, rowId: row.id };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no ritual post sent in ${channelId}`);
}

/** A `message` event in a channel, as Slack sends it to message.channels subscribers. */
export function eventOf(channelId: string, fields: Record<string, unknown>): Record<string, unknown> {
  return { type: 'message', channel: channelId, channel_type: 'channel', event_ts: fields.ts, ...fields };
}

/** Replies in a thread (the parent left out), oldest first. */
export function threadReplies(fake: FakeSlack, channelId: string, threadTs: string): FakeSlackMessage[] {
  return fake.messages(channelId).filter((m) => m.threadTs === threadTs && m.ts !== threadTs);
}

export interface SummaryRow {
  id: string;
  user_id: string;
  body: string;
  link: string | null;
  source: string;
  occurrence_id: string | null;
}

/** Stored learning summaries (of one week), oldest first. */
export function summariesOf(app: TestApp, occurrenceId?: string): Promise<SummaryRow[]> {
  return occurrenceId
    ? query<SummaryRow>(
        app,
        'SELECT id, user_id, body, link, source, occurrence_id FROM learning_summaries WHERE occurrence_id = $1 ORDER BY id',
        [occurrenceId],
      )
    : query<SummaryRow>(
        app,
        'SELECT id, user_id, body, link, source, occurrence_id FROM learning_summaries ORDER BY id',
      );
}

/** Runs a delayed timer now (its time has come), on whichever queue holds it. */
export async function promoteJob(app: TestApp, jobId: string): Promise<void> {
  for (const queue of ['delivery', 'housekeeping'] as const) {
    const job = await app.running.deps.queues.queueFor(queue).getJob(jobId);
    if (!job) continue;
    if (await job.isDelayed()) await job.promote();
    return;
  }
  throw new Error(`no job ${jobId}`);
}

/** Polls an async condition every 50 ms (a positive signal, never a fixed sleep). */
export function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  return waitUntil(check, timeoutMs, what);
}

/**
 * What the person who typed a command was answered: the acknowledgement's body, or — when the
 * handler acknowledged first and answered later — the post to the command's response_url.
 */
export async function answerOf(
  fake: FakeSlack,
  res: { body: string; responseUrl?: string },
): Promise<string> {
  if (res.body.trim() !== '') return res.body;
  const id = decodeURIComponent(res.responseUrl?.split('/response/')[1] ?? '');
  await fake.waitFor(() => fake.responseUrlPosts(id).length > 0, 10_000);
  return JSON.stringify(fake.responseUrlPosts(id).map((p) => p.body));
}

/**
 * The team the channel-ritual tests use: the seeded workspace (Alice, an admin, and Bob) plus
 * Carol in India and Dave in Germany, all four and the bot in one channel.
 */
export function seedRitualTeam(fake: FakeSlack, channelId: string, channelName: string): void {
  seedWorkspace(fake);
  fake.addUser({
    teamId: TEAM,
    userId: 'U0CAROL',
    name: 'carol',
    realName: 'Carol Example',
    tz: 'Asia/Kolkata',
  });
  fake.addUser({
    teamId: TEAM,
    userId: 'U0DAVE',
    name: 'dave',
    realName: 'Dave Example',
    tz: 'Europe/Berlin',
  });
  fake.addChannel({
    teamId: TEAM,
    channelId,
    name: channelName,
    members: ['U0ALICE', 'U0BOB', 'U0CAROL', 'U0DAVE', `U${TEAM}BOT`],
  });
}
