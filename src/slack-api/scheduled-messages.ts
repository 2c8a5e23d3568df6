import type { WebClient } from '@slack/web-api';
import type { RenderedMessage } from './outbox-messages.ts';
import { slackErrorCode } from './slack-errors.ts';

/**
 * Slack's scheduled messages (chat.scheduleMessage and friends), for the outbox's schedule-ahead
 * path (docs/outbox.md). Slack never posts a scheduled message that carries `metadata`, so these
 * carry none: an uncertain retry recognises its message by channel, `post_at` and text instead.
 */

/** Slack's `post_at`: whole seconds, never before the due time. */
export function postAtOf(dueAt: Date): number {
  return Math.ceil(dueAt.getTime() / 1000);
}

/** Hands one message to Slack to show in `channel` at `postAt` (Unix seconds). */
export async function scheduleOutboxMessage(
  client: WebClient,
  channel: string,
  message: RenderedMessage,
  postAt: number,
): Promise<{ scheduledMessageId: string; channel: string }> {
  const result = await client.chat.scheduleMessage({
    channel,
    post_at: postAt,
    text: message.text,
    ...(message.blocks ? { blocks: message.blocks } : {}),
    unfurl_links: false,
  });
  if (!result.scheduled_message_id) throw new Error('chat.scheduleMessage returned no scheduled_message_id');
  return { scheduledMessageId: result.scheduled_message_id, channel: result.channel ?? channel };
}

/**
 * The scheduled message an earlier, uncertain attempt may have left with Slack: same channel,
 * same `post_at`, same text. (Two rows with all three equal would be the same message twice.)
 */
export async function findScheduledMessage(
  client: WebClient,
  channel: string,
  postAt: number,
  text: string,
): Promise<string | undefined> {
  let cursor: string | undefined;
  do {
    const page = await client.chat.scheduledMessages.list({
      channel,
      oldest: String(postAt - 1),
      latest: String(postAt + 1),
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    const found = (page.scheduled_messages ?? []).find(
      (m) => m.post_at === postAt && m.text === text && m.channel_id === channel,
    );
    if (found?.id) return found.id;
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return undefined;
}

/**
 * A scheduled message Slack already showed (its `post_at` has passed), found in the channel's
 * history by its text and time: it carries no metadata to look for.
 */
export async function findShownMessage(
  client: WebClient,
  channel: string,
  postAt: number,
  text: string,
): Promise<string | undefined> {
  const result = await client.conversations.history({
    channel,
    oldest: String(postAt - 1),
    latest: String(postAt + 120),
    inclusive: true,
    limit: 100,
  });
  return (result.messages ?? []).find((m) => m.text === text && m.bot_id !== undefined && m.ts)?.ts;
}

/**
 * Deletes a scheduled message. `gone` when Slack no longer holds it: it was shown already, or an
 * earlier attempt deleted it (Slack answers `invalid_scheduled_message_id` to both).
 */
export async function deleteScheduledMessage(
  client: WebClient,
  channel: string,
  scheduledMessageId: string,
): Promise<'deleted' | 'gone'> {
  try {
    await client.chat.deleteScheduledMessage({ channel, scheduled_message_id: scheduledMessageId });
    return 'deleted';
  } catch (error) {
    if (slackErrorCode(error) === 'invalid_scheduled_message_id') return 'gone';
    throw error;
  }
}
