import type { OutboxMessage } from './message.ts';

/**
 * When a member DM is handed to Slack ahead of its time (docs/outbox.md, "Scheduled with Slack").
 * Sending at the due minute cannot beat the rate budget: 2,000 members due at 10:00 in one
 * workspace at 1,200 messages a minute would see 10:00's reminder as late as 10:01:40. Scheduled
 * hours ahead, the budget is spent then, and Slack shows every message on its minute.
 */
export interface ScheduleAheadPolicy {
  /** How long before its due time a DM is scheduled with Slack; 0 turns schedule-ahead off. */
  windowMs: number;
  /** Due sooner than this, a DM is posted at its time instead (Slack needs a future post_at). */
  minLeadMs: number;
  /** Whether rows of this outbox kind may be scheduled ahead (OutboxKind.scheduleAhead). */
  schedulable(kind: string): boolean;
}

type Row = Pick<OutboxMessage, 'kind' | 'target' | 'dueAt'>;

/** Whether this row, handled now, goes to Slack as a scheduled message rather than a post. */
export function schedulesAhead(policy: ScheduleAheadPolicy, row: Row, now: Date): boolean {
  return (
    policy.windowMs > 0 &&
    row.target === 'dm' &&
    policy.schedulable(row.kind) &&
    row.dueAt.getTime() - now.getTime() >= policy.minLeadMs
  );
}

/**
 * When the row's send job should run: the start of its window for a DM that will be scheduled
 * ahead (at once if the window has opened), else its due time. A row that cannot be scheduled
 * any more is never run early: it is posted when due, as every other message.
 */
export function sendJobAt(policy: ScheduleAheadPolicy, row: Row, now: Date): Date {
  if (!schedulesAhead(policy, row, now)) return row.dueAt;
  return new Date(Math.max(now.getTime(), row.dueAt.getTime() - policy.windowMs));
}
