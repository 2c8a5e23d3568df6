/**
 * What a `message` event means for the learning hour, read from Slack's loose event shape: a
 * reply posted in a thread, a reply edited, or a message deleted. Everything else — top-level
 * messages, bot messages (ours included), joins, other subtypes — is `undefined` and ignored.
 */
export type ThreadMessageEvent =
  | { kind: 'posted'; channelId: string; userId: string; ts: string; threadTs: string; text: string }
  | { kind: 'edited'; channelId: string; ts: string; text: string }
  | { kind: 'deleted'; channelId: string; ts: string };

type Loose = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const obj = (v: unknown): Loose | undefined =>
  typeof v === 'object' && v !== null ? (v as Loose) : undefined;

/** A human's reply inside a thread (not the thread's parent, not a bot). */
function humanReply(m: Loose): { userId: string; ts: string; threadTs: string } | undefined {
  const userId = str(m.user);
  const ts = str(m.ts);
  const threadTs = str(m.thread_ts);
  if (!userId || !ts || !threadTs || threadTs === ts) return undefined;
  if (m.bot_id !== undefined || m.subtype === 'bot_message') return undefined;
  return { userId, ts, threadTs };
}

export function readThreadMessage(event: unknown): ThreadMessageEvent | undefined {
  const e = obj(event);
  const channelId = str(e?.channel);
  if (!e || !channelId || e.type !== 'message') return undefined;
  switch (e.subtype) {
    case undefined:
    case 'thread_broadcast':
    case 'file_share': {
      const reply = humanReply(e);
      return reply && { kind: 'posted', channelId, ...reply, text: typeof e.text === 'string' ? e.text : '' };
    }
    case 'message_changed': {
      const message = obj(e.message);
      const reply = message && humanReply(message);
      return reply && { kind: 'edited', channelId, ts: reply.ts, text: str(message?.text) ?? '' };
    }
    case 'message_deleted': {
      const ts = str(e.deleted_ts);
      const previous = obj(e.previous_message);
      // Slack says what was deleted; a top-level message or a bot's cannot be a summary.
      if (!ts || (previous && !humanReply(previous))) return undefined;
      return { kind: 'deleted', channelId, ts };
    }
    default:
      return undefined;
  }
}
