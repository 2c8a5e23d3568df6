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
  const states = await jobStates(
    connection,
    queue,
    jobs.map((j) => j.opts.jobId),
  );
  const stale = jobs.filter((_, i) => states[i] === 'finished' || states[i] === 'nameless');
  const replaced: BulkJob[] = [];
  for (const job of stale) {
    // remove() refuses a locked (running) job: that one is alive, keep it.
    if ((await queue.remove(job.opts.jobId)) === 1) replaced.push(job);
  }
  if (replaced.length > 0) await queue.addBulk(replaced);
  return replaced.length;
}

/**
 * What stands under each id, in one pipeline: `absent`, a `live` job (waiting, delayed, active),
 * a `finished` one (completed or failed) or a `nameless` half-written hash. Unknown (a pipeline
 * error) counts as live: nothing is done to a job we could not read.
 */
export async function jobStates(
  connection: Redis,
  queue: Queue,
  ids: readonly string[],
): Promise<Array<'absent' | 'live' | 'finished' | 'nameless'>> {
  if (ids.length === 0) return [];
  const pipeline = connection.pipeline();
  for (const id of ids) pipeline.exists(queue.toKey(id)).hmget(queue.toKey(id), 'finishedOn', 'name');
  const results = (await pipeline.exec()) ?? [];
  return ids.map((_, i) => {
    const [existsError, exists] = results[2 * i] ?? [null, null];
    const [error, value] = results[2 * i + 1] ?? [null, null];
    if (existsError || error || !Array.isArray(value)) return 'live';
    if (exists === 0) return 'absent';
    const [finishedOn, name] = value as Array<string | null>;
    if (name === null) return 'nameless';
    return finishedOn !== null ? 'finished' : 'live';
  });
}
