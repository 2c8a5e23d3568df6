import type { WebClient } from '@slack/web-api';
import { RetryLaterError } from '../jobs/errors.ts';
import type { RenderedMessage } from '../slack-api/outbox-messages.ts';
import {
  findScheduledMessage,
  findShownMessage,
  postAtOf,
  scheduleOutboxMessage,
} from '../slack-api/scheduled-messages.ts';
import { retryAfterSeconds } from '../slack-api/slack-errors.ts';
import type { OutboxMessage } from './message.ts';
import type { SenderDeps } from './sender.ts';

/**
 * Slack's answers to chat.scheduleMessage that mean "not as a scheduled message": too close, too
 * far, or more than 30 in one channel's five minutes. The row is then posted at its due time.
 */
export const TOO_SOON_CODES: ReadonlySet<string> = new Set([
  'time_in_past',
  'time_too_far',
  'restricted_too_many',
]);

/**
 * Hands the row's message to Slack for its due second, inside the workspace's send gate (it spends
 * the same rate budget as a post): a 429 blocks the workspace until its Retry-After.
 */
export async function scheduleOnce(
  deps: Pick<SenderDeps, 'throttle' | 'outboxRepository'>,
  client: WebClient,
  row: OutboxMessage,
  channel: string,
  message: RenderedMessage,
): Promise<{ scheduledMessageId: string }> {
  const blocked = await deps.throttle.blockedMs(row.teamId);
  if (blocked > 0) {
    await deps.outboxRepository.release(row.id, null);
    throw new RetryLaterError(Date.now() + blocked, 'workspace rate-limited by Slack', { slotAt: undefined });
  }
  try {
    return await scheduleOutboxMessage(client, channel, message, postAtOf(row.dueAt));
  } catch (error) {
    const retryAfter = retryAfterSeconds(error);
    if (retryAfter !== undefined) await deps.throttle.blockUntil(row.teamId, Date.now() + retryAfter * 1000);
    throw error;
  }
}

/**
 * What an uncertain earlier attempt of a schedulable row may have left: a message Slack still
 * holds for the row's second (same text), or — its second has passed — the message Slack showed.
 */
export async function findEarlierSchedule(
  client: WebClient,
  channel: string,
  row: OutboxMessage,
  message: RenderedMessage,
  now: Date,
): Promise<{ scheduledMessageId: string } | { shownTs: string } | undefined> {
  const postAt = postAtOf(row.dueAt);
  if (now.getTime() < postAt * 1000) {
    const id = await findScheduledMessage(client, channel, postAt, message.text);
    return id ? { scheduledMessageId: id } : undefined;
  }
  const ts = await findShownMessage(client, channel, postAt, message.text);
  return ts ? { shownTs: ts } : undefined;
}
