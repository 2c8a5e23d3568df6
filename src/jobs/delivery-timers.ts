import type { Occurrence } from '../domain/rituals/occurrence.ts';
import type { StoredStep } from '../domain/rituals/step.repository.ts';
import type { OutboxMessage } from '../outbox/message.ts';
import { type ScheduleAheadPolicy, sendJobAt } from '../outbox/schedule-ahead.ts';
import { type JobQueues, jobId } from './queues.ts';

/**
 * The BullMQ timers of the delivery engine, with deterministic job ids: `fanout__<occurrence>`,
 * `step__<step row>` and `deliver__<outbox row>__<round>`. Adding one that exists is a no-op, so
 * reconcile, fan-out and snooze can all call these freely; Postgres decides what still needs
 * sending. These are only called for rows Postgres says are pending, so a *finished* job under
 * the id (it failed for good, or Redis lost part of it) is replaced rather than left blocking it.
 */
export function createDeliveryTimers(
  queues: JobQueues,
  now: () => Date,
  scheduleAhead: ScheduleAheadPolicy = { windowMs: 0, minLeadMs: 0, schedulable: () => false },
) {
  const delayUntil = (at: Date) => Math.max(0, at.getTime() - now().getTime());
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
    /** A member reminder scheduled ahead runs when its window opens, everything else when due. */
    async deliver(rows: readonly DeliverableRow[]): Promise<void> {
      const at = now();
      await queues.enqueueMany(
        'deliver',
        rows.map((d) => ({
          payload: { deliveryId: d.id, round: d.round, teamId: d.teamId },
          jobId: jobId('deliver', d.id, d.round),
          delayMs: delayUntil(sendJobAt(scheduleAhead, d, at)),
          teamId: d.teamId,
        })),
        { replaceFinished: true },
      );
    },
  };
}

export type DeliveryTimers = ReturnType<typeof createDeliveryTimers>;

/** What arming a row's send job needs to know of it. */
export type DeliverableRow = Pick<OutboxMessage, 'id' | 'round' | 'teamId' | 'dueAt' | 'kind' | 'target'>;
