/** One member's copy of one ritual occurrence: the unit that is sent exactly once. */
export type DeliveryStatus = 'planned' | 'sending' | 'sent' | 'skipped' | 'failed' | 'done';

export interface Delivery {
  id: string;
  teamId: string;
  occurrenceId: string;
  ritualId: string;
  userId: string;
  dueAt: Date;
  localDate: string;
  tz: string;
  /** Grows by one on each snooze: each round is one message, sent once. */
  round: number;
  status: DeliveryStatus;
  skipReason: string | null;
  attempts: number;
  lastError: string | null;
  dmChannelId: string | null;
  messageTs: string | null;
}

export interface Occurrence {
  id: string;
  ritualId: string;
  teamId: string;
  key: string;
  date: string;
  kind: 'scheduled' | 'adhoc';
  status: 'planned' | 'fanned_out' | 'cancelled';
  fanoutAt: Date;
}

/**
 * A send attempt that did not finish recording (the worker died, or Slack's answer was lost)
 * leaves the row in `sending`. Another worker may take it over after this lease; before sending
 * it must look in the DM for the message (by metadata) instead of sending blindly.
 */
export const SENDING_LEASE_MS = 30_000;

/** The outcome of trying to claim a delivery for sending. */
/** The member's reminder switches as of the claim (they may have changed since the fan-out). */
export interface MemberAtClaim {
  availability: { pausedUntil: string | null; ooo: Array<{ from: string; to: string }> };
  dmChannelId: string | null;
}

export type Claim =
  | { claimed: true; uncertain: boolean; delivery: Delivery; member: MemberAtClaim }
  | { claimed: false; reason: 'finished' | 'stale_round' | 'in_flight' | 'missing'; delivery?: Delivery };

/** True once nothing more will be sent for this delivery. */
export function isFinished(status: DeliveryStatus): boolean {
  return status === 'sent' || status === 'skipped' || status === 'failed' || status === 'done';
}
