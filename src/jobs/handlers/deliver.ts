import type { Clock } from '../../domain/clock.ts';
import type { CalendarRepository } from '../../domain/rituals/calendar.repository.ts';
import type { DeliveryRepository } from '../../domain/rituals/delivery.repository.ts';
import { SENDING_LEASE_MS } from '../../domain/rituals/delivery.ts';
import type { RitualRepository } from '../../domain/rituals/ritual.repository.ts';
import { MAX_LATENESS_MS } from '../../domain/rituals/ritual.ts';
import { isOutOfOfficeOn, isPausedOn } from '../../domain/schedules/index.ts';
import type { WorkspaceRepository } from '../../domain/workspaces/workspace.repository.ts';
import { scrubSecrets } from '../../ops/logger.ts';
import type { Metrics } from '../../ops/metrics.ts';
import type { BotTokens } from '../../slack-api/bot-tokens.ts';
import { findDeliveredMessage, openDm, postReminder } from '../../slack-api/reminder-delivery.ts';
import { isPermanentSlackError, retryAfterSeconds, slackErrorCode } from '../../slack-api/slack-errors.ts';
import type { BackgroundClients } from '../../slack-api/web-client.ts';
import { PermanentJobError, RetryLaterError } from '../errors.ts';
import type { JobInfo } from '../worker.ts';
import type { WorkspaceThrottle } from '../workspace-throttle.ts';

export interface DeliverDeps {
  rituals: RitualRepository;
  calendar: CalendarRepository;
  deliveries: DeliveryRepository;
  workspaces: WorkspaceRepository;
  throttle: WorkspaceThrottle;
  botTokens: BotTokens;
  clients: BackgroundClients;
  metrics: Metrics;
  clock: Clock;
}

export interface DeliverPayload {
  deliveryId: string;
  round: number;
  teamId: string;
  slotAt?: number | undefined;
}

/**
 * Sends one reminder round exactly once (docs/delivery.md):
 * 1. claim the row under a lock (`planned` → `sending`); a row another worker is sending is left
 *    alone until its lease ends; a finished row ends here;
 * 2. an uncertain claim (a previous attempt died after `sending`) first looks in the DM for a
 *    message carrying this delivery's metadata — found means sent, and nothing is posted;
 * 0. the workspace throttle books a slot first; the job waits for it (delayed, not retried);
 * 3. post inside the workspace's send gate, then record `sent`. A 429 blocks only this workspace until Retry-After and releases
 *    the row; a permanent error fails it; anything else keeps it uncertain and retries.
 */
export async function deliver(
  deps: DeliverDeps,
  payload: DeliverPayload,
  attempt: { attempt: number; maxAttempts: number } = { attempt: 1, maxAttempts: 1 },
): Promise<void> {
  // Pace first: a job parked until its slot has touched no row.
  const slot = await bookSlot(deps, payload.teamId, payload.slotAt);
  const now = deps.clock.now();
  const claim = await deps.deliveries.claim(payload.deliveryId, payload.round, now);
  if (!claim.claimed) {
    if (claim.reason === 'in_flight') {
      throw new RetryLaterError(now.getTime() + SENDING_LEASE_MS, 'another attempt is sending this delivery');
    }
    return;
  }
  const delivery = claim.delivery;
  const ritual = await deps.rituals.findById(delivery.ritualId);
  const skip = async (reason: string) => {
    await deps.deliveries.markSkipped(delivery.id, reason);
    deps.metrics.deliveries.inc({ ritual: ritual?.name ?? 'unknown', outcome: 'skipped' });
  };
  if (!ritual || ritual.paused) return skip('ritual_paused');
  // A reminder found this late (its job waited out an outage) would arrive out of context.
  if (now.getTime() - delivery.dueAt.getTime() > MAX_LATENESS_MS) return skip('missed');
  // The member may have paused or gone out of office since the fan-out.
  const { availability } = claim.member;
  if (isPausedOn(availability, delivery.localDate)) return skip('paused');
  if (isOutOfOfficeOn(availability, delivery.localDate)) return skip('out_of_office');

  const token = await deps.botTokens.forTeam(delivery.teamId);
  if (!token) {
    await deps.deliveries.markFailed(delivery.id, 'not_installed');
    deps.metrics.deliveries.inc({ ritual: ritual.name, outcome: 'failed' });
    throw new PermanentJobError('not_installed', `workspace ${delivery.teamId} has no installation`);
  }
  const client = deps.clients.forToken(token);

  // Set once the post itself is attempted: a 429 before that (the DM look-up of an uncertain
  // retry) says nothing about whether an earlier attempt posted.
  let posting = false;
  try {
    let dm = delivery.dmChannelId ?? claim.member.dmChannelId;
    if (claim.uncertain) {
      if (!dm) {
        dm = await openDm(client, delivery.userId);
        await deps.workspaces.saveDmChannel(delivery.teamId, delivery.userId, dm);
      }
      const ts = await findDeliveredMessage(client, dm, delivery.id, delivery.round, delivery.dueAt);
      if (ts) {
        await deps.deliveries.markSent(delivery.id, delivery.round, {
          dmChannelId: dm,
          messageTs: ts,
          sentAt: now,
        });
        deps.metrics.deliveries.inc({ ritual: ritual.name, outcome: 'sent' });
        return;
      }
    }

    const wait = slot - Date.now();
    if (wait > 0) await sleep(wait);
    // Posting to the user id lands in the bot's DM with them; Slack answers with that channel.
    const target = dm ?? delivery.userId;
    posting = true;
    const gated = await deps.throttle.exclusive(
      delivery.teamId,
      () => sendOnce(deps, client, target, ritual.name, delivery),
      GATE_WAIT_MS,
    );
    if (!gated.acquired) {
      await deps.deliveries.release(delivery.id, null);
      throw new RetryLaterError(Date.now() + 1000, 'workspace send gate busy', { slotAt: undefined });
    }
    const posted = gated.value;
    if (!dm) await deps.workspaces.saveDmChannel(delivery.teamId, delivery.userId, posted.channel);
    const sentAt = deps.clock.now();
    await deps.deliveries.markSent(delivery.id, delivery.round, {
      dmChannelId: posted.channel,
      messageTs: posted.ts,
      sentAt,
    });
    deps.metrics.deliveries.inc({ ritual: ritual.name, outcome: 'sent' });
    deps.metrics.deliveryLateness.observe(
      { ritual: ritual.name },
      Math.max(0, sentAt.getTime() - delivery.dueAt.getTime()) / 1000,
    );
  } catch (error) {
    if (error instanceof RetryLaterError) throw error;
    const retryAfter = retryAfterSeconds(error);
    if (retryAfter !== undefined) {
      const note = `ratelimited (Retry-After ${retryAfter}s)`;
      // A refused post certainly did not post (its workspace block was set inside the send gate);
      // a refused DM look-up leaves the attempt as uncertain as it was.
      if (posting) await deps.deliveries.release(delivery.id, note);
      else await deps.deliveries.recordError(delivery.id, note);
      throw new RetryLaterError(Date.now() + retryAfter * 1000, 'Slack answered 429', { slotAt: undefined });
    }
    if (isPermanentSlackError(error)) {
      const code = slackErrorCode(error) ?? 'slack_error';
      await deps.deliveries.markFailed(delivery.id, code);
      deps.metrics.deliveries.inc({ ritual: ritual.name, outcome: 'failed' });
      throw new PermanentJobError(code, `Slack refused the reminder: ${code}`);
    }
    // 5xx, timeout, network: the post may or may not have happened; the next attempt checks.
    // On the last attempt the delivery is failed, so it shows up for operators and is not
    // picked up again by reconcile.
    const message = scrubSecrets((error as Error).message ?? String(error)).slice(0, 500);
    if (attempt.attempt >= attempt.maxAttempts) {
      await deps.deliveries.markFailed(delivery.id, message);
      deps.metrics.deliveries.inc({ ritual: ritual.name, outcome: 'failed' });
    } else {
      await deps.deliveries.recordError(delivery.id, message);
    }
    throw error;
  }
}

/** How long a send may wait for its workspace's gate before the job is parked. */
const GATE_WAIT_MS = 3000;

/**
 * The post itself, inside the workspace's send gate: a 429 blocks the workspace until its
 * Retry-After before the gate opens for the next send, and a block set meanwhile is honoured.
 */
async function sendOnce(
  deps: DeliverDeps,
  client: ReturnType<BackgroundClients['forToken']>,
  target: string,
  ritual: Parameters<typeof postReminder>[2],
  delivery: { id: string; round: number; teamId: string },
): Promise<{ ts: string; channel: string }> {
  const blocked = await deps.throttle.blockedMs(delivery.teamId);
  if (blocked > 0) {
    await deps.deliveries.release(delivery.id, null);
    throw new RetryLaterError(Date.now() + blocked, 'workspace rate-limited by Slack', { slotAt: undefined });
  }
  try {
    return await postReminder(client, target, ritual, delivery.id, delivery.round);
  } catch (error) {
    const retryAfter = retryAfterSeconds(error);
    if (retryAfter !== undefined)
      await deps.throttle.blockUntil(delivery.teamId, Date.now() + retryAfter * 1000);
    throw error;
  }
}

/** A booked slot at most this far ahead is slept in the worker, for exact spacing. */
const MAX_IN_PROCESS_WAIT_MS = 300;
/** Parked jobs wake this much before their slot, then sleep to it (BullMQ wakes in batches). */
const WAKE_EARLY_MS = 100;
/**
 * A job that wakes after its slot still uses it (booking another would waste the slot and slow
 * the whole workspace); only a slot this stale — from an earlier attempt — is booked again. The
 * send gate keeps late sends from overlapping.
 */
const STALE_SLOT_MS = 30_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Books this send's turn in the workspace's pace and returns when it is (epoch ms). The slot is
 * booked once and kept in the job's payload when the job is parked, so a thousand reminders due
 * together cost a thousand bookings, not a retry herd. A slot a moment away is slept in the
 * worker (exact spacing); a later one parks the job — freeing the worker for other workspaces —
 * until just before it. A workspace blocked by a 429 parks the job until Retry-After has passed
 * (checked again inside the send gate, since the 429 may arrive while this job waits). Parking
 * here happens before the delivery is claimed, so it writes nothing to Postgres.
 */
async function bookSlot(deps: DeliverDeps, teamId: string, slotAt: number | undefined): Promise<number> {
  const t = Date.now();
  let slot: number;
  if (slotAt !== undefined && t - slotAt <= STALE_SLOT_MS) {
    slot = slotAt;
  } else {
    const reservation = await deps.throttle.reserve(teamId);
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

export function createDeliverHandler(deps: DeliverDeps) {
  return async (payload: DeliverPayload, info: JobInfo) => deliver(deps, payload, info);
}
