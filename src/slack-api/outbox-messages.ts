import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';

/**
 * Slack message metadata event type carried by every outbox message: the exactly-once receipt.
 * (The name predates the outbox; messages already in Slack carry it, so it stays.)
 */
export const OUTBOX_METADATA_EVENT = 'careerplan_delivery';

/** Opens (or reuses) the DM channel between the bot and a member. */
export async function openDm(client: WebClient, userId: string): Promise<string> {
  const result = await client.conversations.open({ users: userId });
  const id = result.channel?.id;
  if (!id) throw new Error('conversations.open returned no channel');
  return id;
}

interface Receipt {
  outboxId: string;
  round: number;
}

function carries(message: { metadata?: unknown; ts?: string }, receipt: Receipt): boolean {
  const metadata = message.metadata as
    | { event_type?: string; event_payload?: Record<string, unknown> }
    | undefined;
  return (
    metadata?.event_type === OUTBOX_METADATA_EVENT &&
    String(metadata.event_payload?.delivery_id) === receipt.outboxId &&
    Number(metadata.event_payload?.round) === receipt.round &&
    Boolean(message.ts)
  );
}

/**
 * Looks for the message of this outbox row and round, by its metadata — the check that makes an
 * uncertain retry safe (the previous attempt may have reached Slack before the worker died). A
 * top-level message is searched in the channel's history from shortly before it was due; a
 * thread reply among the replies of its parent.
 */
export async function findSentMessage(
  client: WebClient,
  where: { channel: string; threadTs?: string | undefined; since: Date },
  receipt: Receipt,
): Promise<string | undefined> {
  const oldest = String(Math.floor(where.since.getTime() / 1000) - 60);
  const result = where.threadTs
    ? await client.conversations.replies({
        channel: where.channel,
        ts: where.threadTs,
        oldest,
        limit: 200,
        include_all_metadata: true,
      })
    : await client.conversations.history({
        channel: where.channel,
        oldest,
        limit: 100,
        include_all_metadata: true,
      });
  const found = (result.messages ?? []).find((m) => carries(m, receipt));
  return found?.ts;
}

export interface RenderedMessage {
  text: string;
  blocks?: KnownBlock[];
}

/**
 * Posts one outbox message with its (row id, round) as message metadata. `channel` is a channel
 * id, or a member's user id for a DM whose channel is not known yet (Slack then posts in the
 * bot's DM with them and answers with that channel's id).
 */
export async function postOutboxMessage(
  client: WebClient,
  where: { channel: string; threadTs?: string | undefined },
  message: RenderedMessage,
  receipt: Receipt,
): Promise<{ ts: string; channel: string }> {
  const result = await client.chat.postMessage({
    channel: where.channel,
    ...(where.threadTs ? { thread_ts: where.threadTs } : {}),
    text: message.text,
    ...(message.blocks ? { blocks: message.blocks } : {}),
    // Names are written out, never linked: a bot post must not notify anyone by accident.
    unfurl_links: false,
    metadata: {
      event_type: OUTBOX_METADATA_EVENT,
      event_payload: { delivery_id: receipt.outboxId, round: receipt.round },
    },
  });
  if (!result.ts || !result.channel) throw new Error('chat.postMessage returned no ts or channel');
  return { ts: result.ts, channel: result.channel };
}
