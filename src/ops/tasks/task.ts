import type { OutboxStatus as DeliveryStatus } from '../../db/schema-outbox.ts';
import { QUEUE_NAMES, type QueueName } from '../../jobs/catalogue.ts';
import type { JobStatus } from '../../jobs/job-runs.repository.ts';

/**
 * A task is one background job as an operator sees it. Most jobs are recorded in `job_runs`; a
 * reminder (`deliver` job) is recorded in its own `deliveries` row, which the task API reads the
 * same way, so every job — each reminder included — has a row behind its task id.
 *
 * A task id is `<queue>:<BullMQ job id>`, the same job id the queue view shows: for example
 * `housekeeping:17`, `delivery:fanout__42` or `delivery:deliver__1234__1`.
 */
export type TaskStatus = JobStatus;
export const TASK_STATUSES: readonly TaskStatus[] = ['queued', 'running', 'done', 'failed'];

export type TaskId =
  | { source: 'job'; queue: QueueName; jobId: string }
  | { source: 'delivery'; queue: 'delivery'; jobId: string; deliveryId: string; round: number };

export interface Task {
  id: string;
  queue: QueueName;
  jobId: string;
  /** The job name from the catalogue (`reconcile-rituals`, `deliver`, …). */
  name: string;
  teamId: string | null;
  status: TaskStatus;
  attempts: number;
  maxAttempts: number | null;
  lastError: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  updatedAt: Date;
  /** For a reminder: whose it is, which ritual, when it was due and what became of it. */
  delivery?: {
    deliveryId: string;
    userId: string | null;
    ritual: string;
    round: number;
    /** The delivery's own state: planned, sending, sent, skipped, failed, done. */
    state: string;
    skipReason: string | null;
    dueAt: Date;
    sentAt: Date | null;
  };
}

const JOB_ID = /^[A-Za-z0-9_.:-]{1,200}$/;
const DELIVER_JOB = /^deliver__(\d{1,18})__(\d{1,6})$/;

/** The id of a reminder's task for its current round. */
export function deliveryTaskId(deliveryId: string, round: number): string {
  return `delivery:deliver__${deliveryId}__${round}`;
}

/** Parses a task id; undefined when it is not one (the API answers 400 bad_task_id). */
export function parseTaskId(text: string): TaskId | undefined {
  const colon = text.indexOf(':');
  if (colon < 0) return undefined;
  const queue = text.slice(0, colon);
  const jobId = text.slice(colon + 1);
  if (!(QUEUE_NAMES as readonly string[]).includes(queue) || !JOB_ID.test(jobId)) return undefined;
  const deliver = DELIVER_JOB.exec(jobId);
  if (queue === 'delivery' && deliver) {
    return { source: 'delivery', queue, jobId, deliveryId: deliver[1] ?? '', round: Number(deliver[2]) };
  }
  return { source: 'job', queue: queue as QueueName, jobId };
}

/**
 * How a reminder's state reads as a task status. Skipped and acted-on reminders are done, and so
 * is one handed to Slack to show at its time (`delivery.state` says `scheduled`).
 */
export function deliveryStateToStatus(state: string): TaskStatus {
  if (state === 'planned') return 'queued';
  if (state === 'sending') return 'running';
  if (state === 'failed') return 'failed';
  return 'done';
}

/** The reminder states one task status stands for (the inverse of deliveryStateToStatus). */
export function deliveryStatesFor(status: TaskStatus): DeliveryStatus[] {
  if (status === 'queued') return ['planned'];
  if (status === 'running') return ['sending'];
  if (status === 'failed') return ['failed'];
  return ['scheduled', 'sent', 'skipped', 'done'];
}

export interface TaskFilter {
  status?: TaskStatus;
  since?: Date;
  name?: string;
  teamId?: string;
  userId?: string;
  limit: number;
}

export type FilterResult = { ok: true; filter: TaskFilter } | { ok: false; error: string; message: string };

const RELATIVE = /^(\d{1,4})([mhd])$/;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/**
 * Reads `?status=&since=&name=&team=&user=&limit=`. `since` is an ISO date or time
 * (2026-11-30, 2026-11-30T22:00:00Z) or a span back from now (90m, 12h, 7d).
 */
export function parseTaskFilter(query: URLSearchParams, now: Date): FilterResult {
  const filter: TaskFilter = { limit: 100 };
  const status = query.get('status');
  if (status !== null) {
    if (!(TASK_STATUSES as readonly string[]).includes(status))
      return { ok: false, error: 'bad_status', message: `status must be one of ${TASK_STATUSES.join(', ')}` };
    filter.status = status as TaskStatus;
  }
  const since = query.get('since');
  if (since !== null) {
    const relative = RELATIVE.exec(since);
    const at = relative
      ? new Date(now.getTime() - Number(relative[1]) * UNIT_MS[relative[2] as keyof typeof UNIT_MS])
      : /^\d{4}-\d{2}-\d{2}/.test(since)
        ? new Date(since)
        : new Date(Number.NaN);
    if (Number.isNaN(at.getTime()))
      return {
        ok: false,
        error: 'bad_since',
        message: 'since must be an ISO date or time (2026-11-30T22:00:00Z) or a span like 12h or 7d',
      };
    filter.since = at;
  }
  const name = query.get('name');
  if (name !== null) {
    if (!/^[a-z-]{1,60}$/.test(name))
      return { ok: false, error: 'bad_name', message: 'name must be a job name like reconcile-rituals' };
    filter.name = name;
  }
  const team = query.get('team');
  if (team !== null) {
    if (!/^[TE][A-Z0-9]{1,20}$/.test(team))
      return { ok: false, error: 'bad_team', message: 'team must be a Slack team id like T0123ABCD' };
    filter.teamId = team;
  }
  const user = query.get('user');
  if (user !== null) {
    if (!/^[UW][A-Z0-9]{1,20}$/.test(user))
      return { ok: false, error: 'bad_user', message: 'user must be a Slack user id like U0123ABCD' };
    filter.userId = user;
  }
  const limit = query.get('limit');
  if (limit !== null) {
    if (!/^\d{1,3}$/.test(limit) || Number(limit) < 1 || Number(limit) > 500)
      return { ok: false, error: 'bad_limit', message: 'limit must be a whole number 1-500' };
    filter.limit = Number(limit);
  }
  return { ok: true, filter };
}
