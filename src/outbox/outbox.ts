import type { NewOutboxMessage, OutboxMessage } from './message.ts';
import type { OutboxRepository } from './outbox.repository.ts';

/** Arms the BullMQ timer of each row's round (deterministic job ids: arming twice is a no-op). */
export interface OutboxTimers {
  deliver(
    rows: readonly Pick<OutboxMessage, 'id' | 'round' | 'teamId' | 'dueAt' | 'kind' | 'target'>[],
  ): Promise<void>;
  /**
   * Checks the messages Slack holds for this workspace (or member) again, soon: a pause,
   * out-of-office or ritual pause deletes the ones that should no longer be shown.
   */
  recheckScheduled(teamId: string, userId?: string): Promise<void>;
}

/**
 * What features use to send on the bot's own behalf: store the rows (idempotent by key), then arm
 * their timers. If Redis is down after the rows are stored, reconcile arms them later, so a
 * message is never lost and never sent twice.
 */
export function createOutbox(deps: { repository: OutboxRepository; timers: OutboxTimers }) {
  return {
    async enqueue(messages: readonly NewOutboxMessage[]): Promise<OutboxMessage[]> {
      const pending = await deps.repository.insertMany(messages);
      await deps.timers.deliver(pending);
      return pending;
    },
    /** Snooze or reschedule a sent row: a new round, due later. False when it was not sent. */
    async reschedule(row: OutboxMessage, dueAt: Date): Promise<boolean> {
      const round = await deps.repository.snooze(row.id, dueAt);
      if (round === undefined) return false;
      await deps.timers.deliver([
        { id: row.id, round, teamId: row.teamId, dueAt, kind: row.kind, target: row.target },
      ]);
      return true;
    },
    recheckScheduled: (teamId: string, userId?: string) => deps.timers.recheckScheduled(teamId, userId),
    find: deps.repository.find,
    findByKey: deps.repository.findByKey,
    markDone: deps.repository.markDone,
    markSkipped: deps.repository.markSkipped,
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
