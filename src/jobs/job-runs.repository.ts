import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface JobRun {
  queue: string;
  jobId: string;
  name: string;
  teamId: string | null;
  status: JobStatus;
  attempts: number;
  lastError: string | null;
  updatedAt: Date;
}

/**
 * What happened to each background job, kept in Postgres so an operator can query it with SQL
 * (`SELECT * FROM job_runs WHERE status = 'failed'`) long after Redis has trimmed the job.
 */
export function createJobRunRepository(db: Db) {
  async function upsert(
    key: { queue: string; jobId: string; name: string; teamId: string | null },
    fields: {
      status: JobStatus;
      attempts?: number;
      lastError?: string | null;
      started?: boolean;
      finished?: boolean;
    },
  ) {
    const now = new Date();
    const values = {
      status: fields.status,
      ...(fields.attempts !== undefined ? { attempts: fields.attempts } : {}),
      ...(fields.lastError !== undefined ? { last_error: fields.lastError } : {}),
      ...(fields.started ? { started_at: now } : {}),
      ...(fields.finished ? { finished_at: now } : {}),
    };
    await db
      .insertInto('job_runs')
      .values({ queue: key.queue, job_id: key.jobId, name: key.name, team_id: key.teamId, ...values })
      .onConflict((oc) => oc.columns(['queue', 'job_id']).doUpdateSet({ ...values, updated_at: sql`now()` }))
      .execute();
  }

  return {
    upsert,
    async recordQueuedMany(
      keys: ReadonlyArray<{ queue: string; jobId: string; name: string; teamId: string | null }>,
    ): Promise<void> {
      if (keys.length === 0) return;
      await db
        .insertInto('job_runs')
        .values(
          keys.map((k) => ({
            queue: k.queue,
            job_id: k.jobId,
            name: k.name,
            team_id: k.teamId,
            status: 'queued' as const,
          })),
        )
        .onConflict((oc) => oc.columns(['queue', 'job_id']).doNothing())
        .execute();
    },
    /** Records a newly enqueued job; a job id seen before keeps its recorded state. */
    async recordQueued(key: {
      queue: string;
      jobId: string;
      name: string;
      teamId: string | null;
    }): Promise<void> {
      await db
        .insertInto('job_runs')
        .values({
          queue: key.queue,
          job_id: key.jobId,
          name: key.name,
          team_id: key.teamId,
          status: 'queued',
        })
        .onConflict((oc) => oc.columns(['queue', 'job_id']).doNothing())
        .execute();
    },
    async find(queue: string, jobId: string): Promise<JobRun | undefined> {
      const row = await db
        .selectFrom('job_runs')
        .selectAll()
        .where('queue', '=', queue)
        .where('job_id', '=', jobId)
        .executeTakeFirst();
      return (
        row && {
          queue: row.queue,
          jobId: row.job_id,
          name: row.name,
          teamId: row.team_id,
          status: row.status,
          attempts: row.attempts,
          lastError: row.last_error,
          updatedAt: row.updated_at,
        }
      );
    },
    /** Housekeeping: finished runs older than the cutoff are deleted; failed ones are kept longer by the caller. */
    async pruneFinished(olderThan: Date, status: JobStatus): Promise<number> {
      const result = await db
        .deleteFrom('job_runs')
        .where('status', '=', status)
        .where('updated_at', '<', olderThan)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type JobRunRepository = ReturnType<typeof createJobRunRepository>;
