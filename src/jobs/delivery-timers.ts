import type { Occurrence } from '../domain/rituals/occurrence.ts';
import type { StoredStep } from '../domain/rituals/step.repository.ts';
import type { OutboxMessage } from '../outbox/message.ts';
import { WAKE_EARLY_MS } from '../outbox/pace.ts';
import { type JobQueues, jobId } from './queues.ts';
import type { WorkspaceThrottle } from './workspace-throttle.ts';

type DeliverRow = Pick<OutboxMessage, 'id' | 'round' | 'teamId' | 'dueAt'>;

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
export function createDeliveryTimers(queues: JobQueues, now: () => Date, throttle?: WorkspaceThrottle) {
  const delayUntil = (at: Date) => Math.max(0, at.getTime() - now().getTime());

  /**
   * Slots for the rows due now whose job would be (re)created by this add. A row whose job is
   * live (already booked, parked, running) books nothing: reconcile re-arming a fan-out in flight
   * must not spend the workspace's budget twice. Two callers arming the same new rows at the same
   * instant may both book; the loser's slots go unused (slower, never a second send).
   */
  async function bookDue(rows: readonly DeliverRow[]): Promise<Map<string, number>> {
    const slots = new Map<string, number>();
    if (!throttle) return slots;
    const t = now().getTime();
    const due = rows.filter((r) => r.dueAt.getTime() <= t);
    if (due.length === 0) return slots;
    const ids = due.map((r) => jobId('deliver', r.id, r.round));
    const unarmed = await queues.unarmed('deliver', ids);
    const byTeam = new Map<string, string[]>();
    due.forEach((r, i) => {
      const id = ids[i] as string;
      if (!unarmed.has(id)) return;
      const team = byTeam.get(r.teamId) ?? [];
      team.push(id);
      byTeam.set(r.teamId, team);
    });
    for (const [teamId, teamIds] of byTeam) {
      const booked = await throttle.reserveMany(teamId, teamIds.length);
      // Blocked by a 429: nothing booked; the jobs book at run time, after the block.
      if ('blockedMs' in booked) continue;
      for (const [i, id] of teamIds.entries()) slots.set(id, booked.slots[i] as number);
    }
    return slots;
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
    async deliver(rows: readonly DeliverRow[]): Promise<void> {
      const slots = await bookDue(rows);
      // Slots are on the throttle's clock (real time), whatever clock decides what is due.
      const t = Date.now();
      await queues.enqueueMany(
        'deliver',
        rows.map((d) => {
          const id = jobId('deliver', d.id, d.round);
          const slotAt = slots.get(id);
          return {
            payload: {
              deliveryId: d.id,
              round: d.round,
              teamId: d.teamId,
              ...(slotAt !== undefined ? { slotAt } : {}),
            },
            jobId: id,
            // A booked job wakes just before its slot and sleeps the rest (pace.ts).
            delayMs: slotAt !== undefined ? Math.max(0, slotAt - WAKE_EARLY_MS - t) : delayUntil(d.dueAt),
            teamId: d.teamId,
          };
        }),
        { replaceFinished: true },
      );
    },
  };
}

export type DeliveryTimers = ReturnType<typeof createDeliveryTimers>;
