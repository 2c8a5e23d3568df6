import type { JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';

type BulkJob = { name: string; data: object; opts: JobsOptions & { jobId: string } };

/**
 * Adding a job whose id exists is a no-op in BullMQ, whatever state that job is in. For timers
 * that is a trap: a delivery whose job *failed for good* before it could touch the row (eight
 * attempts during a long Postgres outage), or whose job hash was left half-written when Redis
 * lost data mid-run, keeps a finished job under its id — and every later "add the timer again"
 * from reconcile silently does nothing, so the reminder is never sent.
 *
 * Callers add the timers of rows Postgres says are still pending; this finds which of those ids
 * hold a finished (completed or failed) or nameless job, removes them and adds them again. A job
 * that is running is locked and left alone.
 */
export async function replaceFinishedJobs(
  connection: Redis,
  queue: Queue,
  jobs: readonly BulkJob[],
): Promise<number> {
  if (jobs.length === 0) return 0;
  const pipeline = connection.pipeline();
  for (const job of jobs) pipeline.hmget(queue.toKey(job.opts.jobId), 'finishedOn', 'name');
  const results = (await pipeline.exec()) ?? [];
  const stale = jobs.filter((_, i) => {
    const [error, value] = results[i] ?? [null, null];
    if (error || !Array.isArray(value)) return false;
    const [finishedOn, name] = value as Array<string | null>;
    return finishedOn !== null || name === null;
  });
  const replaced: BulkJob[] = [];
  for (const job of stale) {
    // remove() refuses a locked (running) job: that one is alive, keep it.
    if ((await queue.remove(job.opts.jobId)) === 1) replaced.push(job);
  }
  if (replaced.length > 0) await queue.addBulk(replaced);
  return replaced.length;
}
