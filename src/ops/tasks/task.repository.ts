import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { JOB_CATALOGUE, type QueueName } from '../../jobs/catalogue.ts';
import {
  deliveryStatesFor,
  deliveryStateToStatus,
  deliveryTaskId,
  type Task,
  type TaskFilter,
} from './task.ts';

function maxAttemptsOf(name: string): number | null {
  return Object.hasOwn(JOB_CATALOGUE, name)
    ? JOB_CATALOGUE[name as keyof typeof JOB_CATALOGUE].attempts
    : null;
}

interface JobRunRow {
  queue: string;
  job_id: string;
  name: string;
  team_id: string | null;
  status: Task['status'];
  attempts: number;
  last_error: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  updated_at: Date;
}

function jobTask(r: JobRunRow): Task {
  return {
    id: `${r.queue}:${r.job_id}`,
    queue: r.queue as QueueName,
    jobId: r.job_id,
    name: r.name,
    teamId: r.team_id,
    status: r.status,
    attempts: r.attempts,
    maxAttempts: maxAttemptsOf(r.name),
    lastError: r.last_error,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    updatedAt: r.updated_at,
  };
}

interface DeliveryRow {
  id: string;
  team_id: string;
  /** Null for a channel post or a thread reply. */
  user_id: string | null;
  ritual: string;
  round: number;
  status: string;
  skip_reason: string | null;
  attempts: number;
  last_error: string | null;
  due_at: Date;
  sent_at: Date | null;
  sending_since: Date | null;
  created_at: Date;
  updated_at: Date;
}

function deliveryTask(r: DeliveryRow): Task {
  const status = deliveryStateToStatus(r.status);
  return {
    id: deliveryTaskId(r.id, r.round),
    queue: 'delivery',
    jobId: `deliver__${r.id}__${r.round}`,
    name: 'deliver',
    teamId: r.team_id,
    status,
    attempts: r.attempts,
    maxAttempts: JOB_CATALOGUE.deliver.attempts,
    lastError: r.last_error,
    createdAt: r.created_at,
    startedAt: r.sending_since ?? r.sent_at,
    finishedAt: status === 'done' || status === 'failed' ? r.updated_at : null,
    updatedAt: r.updated_at,
    delivery: {
      deliveryId: r.id,
      userId: r.user_id,
      ritual: r.ritual,
      round: r.round,
      state: r.status,
      skipReason: r.skip_reason,
      dueAt: r.due_at,
      sentAt: r.sent_at,
    },
  };
}

/**
 * Reads tasks for the task API: `job_runs` for every job but outbox messages, the `outbox` rows
 * (with the ritual's name for reminders) for those, and the two small writes a retry needs.
 */
export function createTaskRepository(db: Db) {
  // Every outbox message is a task: a ritual reminder shows its ritual's name, anything else its
  // kind (e.g. a digest post).
  const deliveries = () =>
    db
      .selectFrom('outbox as d')
      .leftJoin('ritual_occurrences as o', 'o.id', 'd.occurrence_id')
      .leftJoin('rituals as r', 'r.id', 'o.ritual_id')
      .select((eb) => [
        'd.id',
        'd.team_id',
        'd.user_id',
        eb.fn.coalesce('r.name', 'd.kind').as('ritual'),
        'd.round',
        'd.status',
        'd.skip_reason',
        'd.attempts',
        'd.last_error',
        'd.due_at',
        'd.sent_at',
        'd.sending_since',
        'd.created_at',
        'd.updated_at',
      ]);

  return {
    async findJob(queue: QueueName, jobId: string): Promise<Task | undefined> {
      const row = await db
        .selectFrom('job_runs')
        .selectAll()
        .where('queue', '=', queue)
        .where('job_id', '=', jobId)
        .executeTakeFirst();
      return row && jobTask(row);
    },

    async findDelivery(deliveryId: string): Promise<Task | undefined> {
      const row = await deliveries().where('d.id', '=', deliveryId).executeTakeFirst();
      return row && deliveryTask(row);
    },

    /** Newest first (by last change), at most `filter.limit`, from both tables as the filter allows. */
    async list(filter: TaskFilter): Promise<Task[]> {
      const { status, since, name, teamId, userId, limit } = filter;
      const listJobs = async () => {
        let q = db.selectFrom('job_runs').selectAll();
        if (status) q = q.where('status', '=', status);
        if (since) q = q.where('updated_at', '>=', since);
        if (name) q = q.where('name', '=', name);
        if (teamId) q = q.where('team_id', '=', teamId);
        return (await q.orderBy('updated_at', 'desc').limit(limit).execute()).map(jobTask);
      };
      const listReminders = async () => {
        let q = deliveries();
        if (status) q = q.where('d.status', 'in', deliveryStatesFor(status));
        if (since) q = q.where('d.updated_at', '>=', since);
        if (teamId) q = q.where('d.team_id', '=', teamId);
        if (userId) q = q.where('d.user_id', '=', userId);
        return (await q.orderBy('d.updated_at', 'desc').limit(limit).execute()).map(deliveryTask);
      };
      // Reminders have a user and are all named `deliver`; other jobs have neither.
      const [jobs, reminders] = await Promise.all([
        userId === undefined && name !== 'deliver' ? listJobs() : [],
        name === undefined || name === 'deliver' ? listReminders() : [],
      ]);
      return [...jobs, ...reminders]
        .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())
        .slice(0, limit);
    },

    /** A job put back into its queue by a retry: queued again, not finished. */
    async markRequeued(queue: QueueName, jobId: string): Promise<void> {
      await db
        .updateTable('job_runs')
        .set({ status: 'queued', finished_at: null, updated_at: sql`now()` })
        .where('queue', '=', queue)
        .where('job_id', '=', jobId)
        .execute();
    },

    /**
     * A failed reminder planned again as a new round due now (a new round has a new job id and new
     * message metadata, so the exactly-once checks treat it as a fresh send). Returns the round, or
     * undefined when the reminder was not failed.
     */
    async replanFailedDelivery(deliveryId: string, dueAt: Date): Promise<number | undefined> {
      const row = await db
        .updateTable('outbox')
        .set({
          status: 'planned',
          round: sql`round + 1`,
          due_at: dueAt,
          sending_since: null,
          skip_reason: null,
          updated_at: sql`now()`,
        })
        .where('id', '=', deliveryId)
        .where('status', '=', 'failed')
        .returning('round')
        .executeTakeFirst();
      return row?.round;
    },
  };
}

export type TaskRepository = ReturnType<typeof createTaskRepository>;
