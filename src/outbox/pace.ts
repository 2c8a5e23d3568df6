import { RetryLaterError } from '../jobs/errors.ts';
import type { WorkspaceThrottle } from '../jobs/workspace-throttle.ts';

/** A booked slot at most this far ahead is slept in the worker, for exact spacing. */
const MAX_IN_PROCESS_WAIT_MS = 300;
/** Parked jobs wake this much before their slot, then sleep to it (BullMQ wakes in batches). */
export const WAKE_EARLY_MS = 100;
/**
 * A job that wakes after its slot (parked, or booked ahead by its fan-out) still uses it (booking
 * another would waste the slot and slow the whole workspace); only a slot this stale — from an
 * earlier attempt, or a worker that was down — is booked again. The send gate keeps late sends
 * from overlapping.
 */
const STALE_SLOT_MS = 30_000;

/**
 * Books this send's turn in the workspace's pace and returns when it is (epoch ms). The slot is
 * booked once and kept in the job's payload when the job is parked, so a thousand messages due
 * together cost a thousand bookings, not a retry herd. A slot a moment away is slept in the
 * worker (exact spacing); a later one parks the job — freeing the worker for other workspaces —
 * until just before it. A workspace blocked by a 429 parks the job until Retry-After has passed
 * (checked again inside the send gate, since the 429 may arrive while this job waits). Parking
 * here happens before the row is claimed, so it writes nothing to Postgres.
 */
export async function bookSlot(
  throttle: WorkspaceThrottle,
  teamId: string,
  slotAt: number | undefined,
): Promise<number> {
  const t = Date.now();
  let slot: number;
  if (slotAt !== undefined && t - slotAt <= STALE_SLOT_MS) {
    // A slot booked before a 429 (a fan-out books its slots ahead) may fall inside the block
    // Slack has set since: it is given up, and the job books again once the block is over.
    const blockedMs = await throttle.blockedMs(teamId);
    if (blockedMs > 0 && slotAt < t + blockedMs) {
      throw new RetryLaterError(t + blockedMs, 'workspace rate-limited by Slack', { slotAt: undefined });
    }
    slot = slotAt;
  } else {
    const reservation = await throttle.reserve(teamId);
    if ('blockedMs' in reservation) {
      throw new RetryLaterError(t + reservation.blockedMs, 'workspace rate-limited by Slack', {
        slotAt: undefined,
      });
    }
    slot = t + reservation.waitMs;
  }
  if (slot - t > MAX_IN_PROCESS_WAIT_MS) {
    throw new RetryLaterError(slot - WAKE_EARLY_MS, 'workspace throttle', { slotAt: slot });
  }
  return slot;
}

/** A channel slot at most this far ahead is slept in the worker; a later one parks the job. */
const MAX_CHANNEL_WAIT_MS = 1500;

/**
 * Slack's per-channel limit (about one message a second) on top of the workspace pace: channel
 * posts and thread replies to one channel are spaced out. Returns the milliseconds to sleep, or
 * when the caller should give the row back and retry (`retryAt`), keeping the channel slot it
 * booked (`slotAt`) in the job's payload: a burst of replies to one thread (a digest in parts)
 * then costs one booking each, instead of every parked job booking again at each wake-up and
 * pushing the whole channel further out.
 */
export async function channelWait(
  throttle: WorkspaceThrottle,
  teamId: string,
  channelId: string,
  bookedAt?: number,
): Promise<{ sleepMs: number } | { retryAt: number; slotAt: number }> {
  const t = Date.now();
  const slot =
    bookedAt !== undefined && t - bookedAt <= STALE_SLOT_MS
      ? bookedAt
      : t + (await throttle.reserveChannel(teamId, channelId));
  const waitMs = Math.max(0, slot - t);
  if (waitMs <= MAX_CHANNEL_WAIT_MS) return { sleepMs: waitMs };
  return { retryAt: slot - WAKE_EARLY_MS, slotAt: slot };
}
