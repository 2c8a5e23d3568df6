import type { WebClient } from '@slack/web-api';
import type { RitualName } from '../domain/rituals/ritual.ts';
import { reminderMessage } from '../slack/features/rituals/blocks/reminders.ts';
import { DELIVERY_METADATA_EVENT } from '../slack/features/rituals/ids.ts';

/** Opens (or reuses) the DM channel between the bot and a member. */
export async function openDm(client: WebClient, userId: string): Promise<string> {
  const result = await client.conversations.open({ users: userId });
  const id = result.channel?.id;
  if (!id) throw new Error('conversations.open returned no channel');
  return id;
}

/**
 * Looks in the DM for the message of this delivery round, by its metadata — the check that makes
 * an uncertain retry safe (the previous attempt may have reached Slack before the worker died).
 */
export async function findDeliveredMessage(
  client: WebClient,
  dmChannelId: string,
  deliveryId: string,
  round: number,
  since: Date,
): Promise<string | undefined> {
  const history = await client.conversations.history({
    channel: dmChannelId,
    oldest: String(Math.floor(since.getTime() / 1000) - 60),
    limit: 100,
    include_all_metadata: true,
  });
  for (const message of history.messages ?? []) {
    const metadata = message.metadata as
      | { event_type?: string; event_payload?: Record<string, unknown> }
      | undefined;
    if (
      metadata?.event_type === DELIVERY_METADATA_EVENT &&
      String(metadata.event_payload?.delivery_id) === deliveryId &&
      Number(metadata.event_payload?.round) === round &&
      message.ts
    ) {
      return message.ts;
    }
  }
  return undefined;
}

/**
 * Posts the reminder DM with its (delivery id, round) as message metadata. `channel` is the DM
 * channel when known, else the member's user id (Slack then posts in the bot's DM with them and
 * answers with that channel's id).
 */
export async function postReminder(
  client: WebClient,
  channel: string,
  ritual: RitualName,
  deliveryId: string,
  round: number,
): Promise<{ ts: string; channel: string }> {
  const message = reminderMessage(ritual, deliveryId, round);
  const result = await client.chat.postMessage({
    channel,
    text: message.text,
    blocks: message.blocks,
    metadata: { event_type: DELIVERY_METADATA_EVENT, event_payload: { delivery_id: deliveryId, round } },
  });
  if (!result.ts || !result.channel) throw new Error('chat.postMessage returned no ts or channel');
  return { ts: result.ts, channel: result.channel };
}
