/**
 * Helpers for the feedback e2e tests: the DMs the outbox sent, the ask ids on their buttons, the
 * delivery job of an outbox row (to run it when a fixed clock says it is due), and the modals.
 */
import type { FakeSlack, FakeSlackMessage } from '../../src/sandbox/slack/fake-slack.ts';
import type { TestApp } from './app-harness.ts';
import { query } from './plans-e2e.ts';
import { waitUntil } from './rituals.ts';

type Obj = Record<string, unknown>;

/** Messages the outbox sent to a member's DM in a workspace (the fake names DMs `D<user>`). */
export function dms(fake: FakeSlack, teamId: string, userId: string): FakeSlackMessage[] {
  return fake
    .messages(`D${userId}`)
    .filter(
      (m) =>
        m.teamId === teamId &&
        (m.metadata as { event_type?: string } | undefined)?.event_type === 'careerplan_delivery',
    );
}

export function messageText(m: FakeSlackMessage): string {
  return `${m.text ?? ''} ${JSON.stringify(m.blocks ?? [])}`;
}

/** Waits for a DM to `userId` whose text and blocks contain `needle`; returns it. */
export async function waitForDm(
  fake: FakeSlack,
  teamId: string,
  userId: string,
  needle: string,
  timeoutMs = 20_000,
): Promise<FakeSlackMessage> {
  await fake.waitFor(() => dms(fake, teamId, userId).some((m) => messageText(m).includes(needle)), timeoutMs);
  return dms(fake, teamId, userId).find((m) => messageText(m).includes(needle)) as FakeSlackMessage;
}

/** The ask id carried by a message's Answer button. */
export function askIdOf(message: FakeSlackMessage): string {
  const blocks = (message.blocks ?? []) as Array<{
    elements?: Array<{ action_id?: string; value?: string }>;
  }>;
  const button = blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'feedback_answer');
  if (!button?.value) throw new Error(`no answer button in ${JSON.stringify(message.blocks)}`);
  return button.value;
}

/** Clicks a button of a DM, as `userId`. */
export function clickInDm(
  app: TestApp,
  teamId: string,
  userId: string,
  message: FakeSlackMessage,
  actionId: string,
  value: string,
) {
  return app.slack.blockActions({
    teamId,
    userId,
    actions: [{ action_id: actionId, value }],
    container: { type: 'message', channel_id: `D${userId}`, message_ts: message.ts, is_ephemeral: false },
    message: { ts: message.ts },
  });
}

/** The modal with this callback id opened after `since` calls (the newest one). */
export async function modalOpened(fake: FakeSlack, callbackId: string, since = 0): Promise<Obj> {
  const find = () =>
    fake.calls
      .slice(since)
      .filter(
        (c) => c.method === 'views.open' && (c.params.view as Obj | undefined)?.callback_id === callbackId,
      )
      .at(-1)?.params.view as Obj | undefined;
  await fake.waitFor(() => find() !== undefined);
  return find() as Obj;
}

/** The outbox row of a key, in a workspace. */
export async function outboxRow(app: TestApp, teamId: string, key: string) {
  const [row] = await query<{
    id: string;
    round: number;
    status: string;
    due_at: Date;
    skip_reason: string | null;
  }>(
    app,
    'select id, round, status, due_at, skip_reason from outbox where team_id = $1 and idempotency_key = $2',
    [teamId, key],
  );
  return row;
}

/**
 * Runs the delivery job of an outbox row now (its BullMQ timer was set for when the fixed clock
 * says it is due; the test has moved the clock there) and waits until the row is finished.
 */
export async function deliverNow(app: TestApp, teamId: string, key: string): Promise<string> {
  const row = await outboxRow(app, teamId, key);
  if (!row) throw new Error(`no outbox row ${key}`);
  const queue = app.running.deps.queues.queueFor('delivery');
  const job = await queue.getJob(`deliver__${row.id}__${row.round}`);
  if (!job) throw new Error(`no delivery job for ${key}`);
  if ((await job.getState()) === 'delayed') await job.promote();
  let status = '';
  await waitUntil(
    async () => {
      status = (await outboxRow(app, teamId, key))?.status ?? '';
      return ['sent', 'skipped', 'failed', 'done'].includes(status);
    },
    20_000,
    `outbox row ${key} to be sent or skipped`,
  );
  return status;
}

/** Runs a delivery job for a row a second time (a duplicate job), and waits until it finished. */
export async function deliverAgain(app: TestApp, teamId: string, key: string): Promise<void> {
  const row = await outboxRow(app, teamId, key);
  if (!row) throw new Error(`no outbox row ${key}`);
  const queue = app.running.deps.queues.queueFor('delivery');
  const id = `again__${row.id}__${Date.now()}`;
  await queue.add('deliver', { deliveryId: row.id, round: row.round, teamId }, { jobId: id });
  await waitUntil(
    async () => (await (await queue.getJob(id))?.getState()) === 'completed',
    20_000,
    'the duplicate delivery job to complete',
  );
}

/** Rows of a table, as a snapshot to compare before and after a refused request. */
export async function feedbackSnapshot(app: TestApp) {
  const [requests, asks, managers, rows, activity] = await Promise.all([
    query(app, 'select * from feedback_requests order by id'),
    query(app, 'select * from feedback_asks order by id'),
    query(app, 'select * from feedback_managers order by user_id'),
    query(app, "select id, idempotency_key from outbox where kind like 'feedback.%' order by id"),
    query(app, "select source_key from activity_events where kind like 'feedback%' order by id"),
  ]);
  return { requests, asks, managers, rows, activity };
}

/**
 * What a slash command answered the person who typed it: in the HTTP acknowledgement, or (when
 * the app acknowledged first) posted to the command's response_url.
 */
export async function commandReply(
  fake: FakeSlack,
  res: { body: string; responseUrl?: string },
): Promise<string> {
  if (res.body.trim() !== '') return res.body;
  const id = decodeURIComponent(res.responseUrl?.split('/').pop() ?? '');
  await fake.waitFor(() => fake.responseUrlPosts(id).length > 0);
  return JSON.stringify(fake.responseUrlPosts(id).map((p) => p.body));
}
