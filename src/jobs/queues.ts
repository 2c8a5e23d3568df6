import { type JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Metrics } from '../ops/metrics.ts';
import {
  JOB_CATALOGUE,
  type JobName,
  type JobPayload,
  QUEUE_NAMES,
  type QueueName,
  recordsRuns,
} from './catalogue.ts';
import type { JobRunRepository } from './job-runs.repository.ts';

export interface EnqueueOptions {
  /** Deterministic id: adding the same id twice is a no-op in BullMQ (idempotent enqueue). */
  jobId?: string;
  delayMs?: number;
  /** Recorded with the job run so an operator can filter by workspace. */
  teamId?: string;
}

/**
 * BullMQ forbids ':' in custom job ids, so deterministic ids join their parts with '__'
 * (e.g. `jobId('reminder', occurrenceId, userId)`).
 */
export function jobId(...parts: Array<string | number>): string {
  return parts.map((p) => String(p).replace(/:/g, '_')).join('__');
}

/** The producer side of the job system: one Queue per queue name, and typed `enqueue`. */
export function createJobQueues(deps: {
  connection: Redis;
  prefix: string;
  jobRuns: JobRunRepository;
  metrics: Metrics;
  /**
   * Export `careerplan_queue_jobs` from this process. Only the worker role does: the depth is the
   * same number seen from every process, so exporting it from web replicas too would make a
   * Prometheus `sum()` count each job once per process.
   */
  exportDepth?: boolean;
}) {
  const queues = new Map<QueueName, Queue>();
  for (const name of QUEUE_NAMES) {
    queues.set(
      name,
      new Queue(name, {
        connection: deps.connection,
        prefix: deps.prefix,
        defaultJobOptions: {
          // Postgres keeps the history (job_runs); Redis only needs recent jobs.
          removeOnComplete: { age: 24 * 3600, count: 5000 },
          removeOnFail: { age: 7 * 24 * 3600 },
          backoff: { type: 'exponential', delay: 2000 },
        },
      }),
    );
  }

  if (deps.exportDepth !== false)
    deps.metrics.addQueueDepthReader(async () => {
      const readings: Array<{ labels: Record<string, string>; value: number }> = [];
      for (const [name, queue] of queues) {
        const counts = await queue.getJobCounts('waiting', 'delayed', 'active', 'failed', 'prioritized');
        for (const [state, value] of Object.entries(counts))
          readings.push({ labels: { queue: name, state }, value });
      }
      return readings;
    });

  function queueFor(name: QueueName): Queue {
    const queue = queues.get(name);
    if (!queue) throw new Error(`unknown queue ${name}`);
    return queue;
  }

  return {
    queueFor,
    /** Validates the payload against the catalogue, adds the job and records it as queued. */
    async enqueue<N extends JobName>(
      name: N,
      payload: JobPayload<N>,
      options: EnqueueOptions = {},
    ): Promise<string> {
      const definition = JOB_CATALOGUE[name];
      const data = definition.schema.parse(payload) as object;
      const opts: JobsOptions = {
        attempts: definition.attempts,
        ...(options.jobId ? { jobId: options.jobId } : {}),
        ...(options.delayMs ? { delay: options.delayMs } : {}),
      };
      const job = await queueFor(definition.queue).add(name, data, opts);
      const id = job.id ?? options.jobId ?? '';
      await deps.jobRuns.recordQueued({
        queue: definition.queue,
        jobId: id,
        name,
        teamId: options.teamId ?? null,
      });
      return id;
    },
    /**
     * Adds many jobs of one name in one round trip (a fan-out); ids are deterministic so a repeat
     * adds nothing. Job runs are recorded in one insert.
     */
    async enqueueMany<N extends JobName>(
      name: N,
      jobs: ReadonlyArray<{ payload: JobPayload<N>; jobId: string; delayMs?: number; teamId?: string }>,
    ): Promise<void> {
      if (jobs.length === 0) return;
      const definition = JOB_CATALOGUE[name];
      const queue = queueFor(definition.queue);
      for (let i = 0; i < jobs.length; i += 1000) {
        const chunk = jobs.slice(i, i + 1000);
        await queue.addBulk(
          chunk.map((j) => ({
            name,
            data: definition.schema.parse(j.payload) as object,
            opts: {
              attempts: definition.attempts,
              jobId: j.jobId,
              ...(j.delayMs ? { delay: j.delayMs } : {}),
            },
          })),
        );
        if (!recordsRuns(name)) continue;
        await deps.jobRuns.recordQueuedMany(
          chunk.map((j) => ({ queue: definition.queue, jobId: j.jobId, name, teamId: j.teamId ?? null })),
        );
      }
    },
    async close(): Promise<void> {
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}

export type JobQueues = ReturnType<typeof createJobQueues>;
