/**
 * The outbox's model (docs/outbox.md): one row per message the bot sends on its own, sent exactly
 * once. Plain TypeScript: features and the domain build these; src/outbox/sender.ts sends them.
 */
/**
 * `scheduled`: handed to Slack with chat.scheduleMessage; Slack shows it at its due time (the
 * sweep then records it `sent`). Not finished: a later pause or skip still deletes it.
 */
export type OutboxStatus = 'planned' | 'sending' | 'scheduled' | 'sent' | 'skipped' | 'failed' | 'done';

/** Where a message goes: a member's DM, a channel, or the thread of a message the outbox sent. */
export type OutboxTarget =
  | { type: 'dm'; userId: string }
  | { type: 'channel'; channelId: string }
  | { type: 'thread'; parentId: string };

/** What a feature hands the outbox. */
export interface NewOutboxMessage {
  teamId: string;
  /**
   * Chosen by the feature and unique per workspace, e.g. `ritual:<occurrence>:<member>` or
   * `learning-hour:thread:<occurrence>`: enqueueing the same key again stores nothing.
   */
  key: string;
  /** A kind registered by a feature (src/outbox/kinds.ts); it renders the message at send time. */
  kind: string;
  target: OutboxTarget;
  dueAt: Date;
  /** What the kind needs to render the message (JSON). */
  payload?: Record<string, unknown>;
  /** For member DMs: the member's local date and zone, so pause and out-of-office apply. */
  localDate?: string;
  tz?: string;
  /** The ritual occurrence the message belongs to, if any (cancelled with it). */
  occurrenceId?: string;
}

export interface OutboxMessage {
  id: string;
  teamId: string;
  key: string;
  kind: string;
  target: 'dm' | 'channel' | 'thread';
  userId: string | null;
  /** The target channel; for DMs, the DM channel once known. */
  channelId: string | null;
  parentId: string | null;
  occurrenceId: string | null;
  payload: Record<string, unknown>;
  dueAt: Date;
  localDate: string | null;
  tz: string | null;
  /** Grows by one on each snooze or reschedule: each round is one message, sent once. */
  round: number;
  status: OutboxStatus;
  skipReason: string | null;
  attempts: number;
  lastError: string | null;
  messageTs: string | null;
  /** Slack's id of the scheduled message (chat.scheduleMessage), while or after Slack held it. */
  scheduledMessageId: string | null;
}

/**
 * A send attempt that did not finish recording (the worker died, or Slack's answer was lost)
 * leaves the row in `sending`. Another worker may take it over after this lease; before sending
 * it must look for the message (by metadata) instead of sending blindly.
 */
export const SENDING_LEASE_MS = 30_000;

/** The recipient's reminder switches as of the claim (they may have changed since enqueueing). */
export interface RecipientAtClaim {
  availability: { pausedUntil: string | null; ooo: Array<{ from: string; to: string }> };
  dmChannelId: string | null;
}

/** The outcome of trying to claim a message for sending. */
export type Claim =
  | { claimed: true; uncertain: boolean; message: OutboxMessage; recipient: RecipientAtClaim }
  | { claimed: false; reason: 'finished' | 'stale_round' | 'in_flight' | 'missing' };

/** True once nothing more will be sent for this row. */
export function isFinished(status: OutboxStatus): boolean {
  return status === 'sent' || status === 'skipped' || status === 'failed' || status === 'done';
}

/** The row's target as the union features use. */
export function targetOf(message: OutboxMessage): OutboxTarget {
  if (message.target === 'dm') return { type: 'dm', userId: message.userId ?? '' };
  if (message.target === 'channel') return { type: 'channel', channelId: message.channelId ?? '' };
  return { type: 'thread', parentId: message.parentId ?? '' };
}
