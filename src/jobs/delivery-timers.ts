import type { Occurrence } from '../domain/rituals/occurrence.ts';
import type { StoredStep } from '../domain/rituals/step.repository.ts';
import type { OutboxMessage } from '../outbox/message.ts';
import { WAKE_EARLY_MS } from '../outbox/pace.ts';
import { type ScheduleAheadPolicy, sendJobAt } from '../outbox/schedule-ahead.ts';
import { QueueUnavailableError } from './errors.ts';
import { type JobQueues, jobId } from './queues.ts';
import type { WorkspaceThrottle } from './workspace-throttle.ts';

/** What arming a row's send job needs to know of it. */
export type DeliverableRow = Pick<OutboxMessage, 'id' | 'round' | 'teamId' | 'dueAt' | 'kind' | 'target'>;
type DeliverRow = DeliverableRow;

const NOT_AHEAD: ScheduleAheadPolicy = { windowMs: 0, minLeadMs: 0, schedulable: () => false };

/** How long arming waits for another caller booking the same workspace before arming unbooked. */
const BOOKING_WAIT_MS = 10_000;

/**
 * The BullMQ timers of the delivery engine, with deterministic job ids: `fanout__<occurrence>`,
 * `step__<step row>` and `deliver__<outbox row>__<round>`. Adding one that exists is a no-op, so
 * reconcile, fan-out and snooze can all call these freely; Postgres decides what still needs
 * sending. These are only called for rows Postgres says are pending, so a *finished* job under
 * the id (it failed for good, or Redis lost part of it) is replaced rather than left blocking it.
 *
 * With a throttle, rows already due get their workspace slots booked here, in one Redis call per
 * workspace (`reserveMany`), and their jobs are delayed to their slot with `slotAt` in the
 * payload: a fan-out of a thousand DMs due now costs one booking call, and each job runs once, at
 * its slot — instead of each one booking, being parked and waking again. Rows due later book at
 * run time (pace.ts), when the workspace's budget is known.
 */
export function createDeliveryTimers(
  queues: JobQueues,
  now: () => Date,
  throttle?: WorkspaceThrottle,
  scheduleAhead: ScheduleAheadPolicy = NOT_AHEAD,
) {
  const delayUntil = (at: Date) => Math.max(0, at.getTime() - now().getTime());
  // A member reminder scheduled ahead runs when its window opens (docs/outbox.md), the rest when due.
  const runAt = (d: DeliverRow) => sendJobAt(scheduleAhead, d, now());

  const job = (d: DeliverRow, slotAt: number | undefined, t: number) => ({
    payload: {
      deliveryId: d.id,
      round: d.round,
      teamId: d.teamId,
      ...(slotAt !== undefined ? { slotAt } : {}),
    },
    jobId: jobId('deliver', d.id, d.round),
    // A booked job wakes just before its slot and sleeps the rest (pace.ts); slots are on the
    // throttle's clock (real time), whatever clock decides what is due.
    delayMs: slotAt !== undefined ? Math.max(0, slotAt - WAKE_EARLY_MS - t) : delayUntil(runAt(d)),
    teamId: d.teamId,
  });

  /**
   * Arms one workspace's rows that are due now with booked slots. Only the rows whose job would
   * be (re)created book a slot: a row whose job is live (booked, parked, running) books nothing,
   * so reconcile re-arming a fan-out in flight does not spend the budget twice. The check, the
   * booking and the add run under the workspace's booking lock, so two callers cannot both book
   * the same new rows. If the lock stays taken, the rows are armed unbooked: they book at run time.
   */
  async function armDue(pace: WorkspaceThrottle, teamId: string, rows: readonly DeliverRow[]) {
    const booked = await pace
      .whileBooking(
        teamId,
        async () => {
          const ids = rows.map((r) => jobId('deliver', r.id, r.round));
          const unarmed = await queues.unarmed('deliver', ids);
          const fresh = rows.filter((_, i) => unarmed.has(ids[i] as string));
          const slots = new Map<DeliverRow, number>();
          const reservation = fresh.length > 0 ? await pace.reserveMany(teamId, fresh.length) : undefined;
          // Blocked by a 429: nothing booked; the jobs book at run time, after the block.
          if (reservation && 'slots' in reservation) {
            for (const [i, row] of fresh.entries()) slots.set(row, reservation.slots[i] as number);
          }
          const t = Date.now();
          await queues.enqueueMany(
            'deliver',
            rows.map((d) => job(d, slots.get(d), t)),
            { replaceFinished: true },
          );
        },
        BOOKING_WAIT_MS,
      )
      .catch((error: unknown) => {
        // Adding the jobs failed: that is the caller's to know. Anything else (the booking lock or
        // script could not reach Redis) arms the rows unbooked below, through the guarded path.
        if (error instanceof QueueUnavailableError) throw error;
        return { ran: false as const };
      });
    if (!booked.ran) {
      const t = Date.now();
      await queues.enqueueMany(
        'deliver',
        rows.map((d) => job(d, undefined, t)),
        { replaceFinished: true },
      );
    }
  }

  return {
    async fanout(occurrence: Occurrence): Promise<void> {
      await queues.enqueue(
        'fanout-occurrence',
        { occurrenceId: occurrence.id },
        {
          jobId: jobId('fanout', occurrence.id),
          delayMs: delayUntil(occurrence.fanoutAt),
          teamId: occurrence.teamId,
          replaceFinished: true,
        },
      );
    },
    /** One timer per occurrence step still to run (occurrence-steps.ts). */
    async steps(rows: readonly Pick<StoredStep, 'id' | 'teamId' | 'dueAt'>[]): Promise<void> {
      for (const step of rows) {
        await queues.enqueue(
          'occurrence-step',
          { stepId: step.id, teamId: step.teamId },
          { jobId: jobId('step', step.id), delayMs: delayUntil(step.dueAt), teamId: step.teamId },
        );
      }
    },
    async recheckScheduled(teamId: string, userId?: string): Promise<void> {
      await queues.enqueue('outbox-unschedule', { teamId, ...(userId ? { userId } : {}) }, { teamId });
    },
    async deliver(rows: readonly DeliverRow[]): Promise<void> {
      const t = now().getTime();
      const dueByTeam = new Map<string, DeliverRow[]>();
      const later: DeliverRow[] = [];
      for (const row of rows) {
        // Due now means its job runs now: a reminder whose schedule-ahead window has opened
        // spends the same budget (chat.scheduleMessage), so it books a slot too.
        if (!throttle || runAt(row).getTime() > t) {
          later.push(row);
          continue;
        }
        const team = dueByTeam.get(row.teamId) ?? [];
        team.push(row);
        dueByTeam.set(row.teamId, team);
      }
      if (throttle) for (const [teamId, teamRows] of dueByTeam) await armDue(throttle, teamId, teamRows);
      const wall = Date.now();
      await queues.enqueueMany(
        'deliver',
        later.map((d) => job(d, undefined, wall)),
        { replaceFinished: true },
      );
    },
  };
}

export type DeliveryTimers = ReturnType<typeof createDeliveryTimers>;
