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
import { QueueUnavailableError } from './errors.ts';
import type { JobRunRepository } from './job-runs.repository.ts';
import { jobStates, replaceFinishedJobs } from './timer-repair.ts';

export interface EnqueueOptions {
  /** Deterministic id: adding the same id twice is a no-op in BullMQ (idempotent enqueue). */
  jobId?: string;
  /**
   * With a jobId: a finished job under that id is replaced instead of blocking the add (timers
   * of rows that are still pending; see timer-repair.ts).
   */
  replaceFinished?: boolean;
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

/** ioredis' words for "this command was never written to Redis". */
const NOT_SENT = /Stream isn't writeable|enableOfflineQueue|Connection is closed|ECONNREFUSED/i;

/**
 * Runs one Redis operation of a request path with a deadline. While the connection is down
 * (it was up, then lost) the operation fails at once, before anything is sent; while it is still
 * opening for the first time (process start) it may wait for it within the deadline. No answer
 * within `timeoutMs` fails with `maybeQueued`. Anything Redis itself refused is rethrown as is.
 */
export function redisGuard(connection: Redis, timeoutMs: number) {
  let lost = false;
  connection.on('close', () => {
    lost = true;
  });
  connection.on('ready', () => {
    lost = false;
  });
  const ready = (deadline: number) =>
    new Promise<boolean>((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        connection.off('ready', onReady);
        resolve(ok);
      };
      const onReady = () => done(true);
      const timer = setTimeout(() => done(false), Math.max(0, deadline - Date.now()));
      connection.once('ready', onReady);
    });

  return async <T>(operation: string, work: () => Promise<T>): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    if (connection.status !== 'ready') {
      if (lost || connection.status === 'end' || !(await ready(deadline))) {
        throw new QueueUnavailableError(operation, false);
      }
    }
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new QueueUnavailableError(operation, true)),
        Math.max(0, deadline - Date.now()),
      );
    });
    const attempt = work();
    // The losing side of the race must not become an unhandled rejection.
    attempt.catch(() => {});
    try {
      return await Promise.race([attempt, late]);
    } catch (error) {
      if (error instanceof QueueUnavailableError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      if (NOT_SENT.test(message)) throw new QueueUnavailableError(operation, false, { cause: error });
      // Sent, then the connection dropped (maxRetriesPerRequest: 0) or no answer came.
      if (/max retries per request|Command timed out|socket|ETIMEDOUT|ECONNRESET|EPIPE/i.test(message))
        throw new QueueUnavailableError(operation, true, { cause: error });
      throw error;
    } finally {
      clearTimeout(timer);
    }
  };
}

/**
 * The producer side of the job system: one Queue per queue name, and typed `enqueue`.
 *
 * `connection` should be a producer connection that fails fast (`enableOfflineQueue: false`):
 * a command queued in ioredis while Redis is down would run whenever Redis came back, after the
 * user had been told it failed — the admin retries, and the channel gets the DM twice. Every
 * operation here runs through {@link redisGuard} and throws QueueUnavailableError instead.
 */
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
  /** Deadline of one Redis operation (REDIS_COMMAND_TIMEOUT_MS). */
  commandTimeoutMs?: number;
  /** Queue errors (connection lost, …): BullMQ prints them to stderr when nobody listens. */
  onError?: (source: string, error: unknown) => void;
}) {
  const guard = redisGuard(deps.connection, deps.commandTimeoutMs ?? 2000);
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
  for (const queue of queues.values()) {
    queue.on('error', (error) => deps.onError?.('bullmq-queue', error));
  }

  if (deps.exportDepth !== false)
    deps.metrics.addQueueDepthReader(async () => {
      const readings: Array<{ labels: Record<string, string>; value: number }> = [];
      for (const [name, queue] of queues) {
        const counts = await guard('read queue depth', () =>
          queue.getJobCounts('waiting', 'delayed', 'active', 'failed', 'prioritized'),
        );
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
    /** Runs another Redis operation of a request path under the same deadline and error rules. */
    guard,
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
      const queue = queueFor(definition.queue);
      const job = await guard(`enqueue ${name}`, () => queue.add(name, data, opts));
      if (options.replaceFinished && options.jobId) {
        const jobId = options.jobId;
        await guard(`repair ${name}`, () =>
          replaceFinishedJobs(deps.connection, queue, [{ name, data, opts: { ...opts, jobId } }]),
        );
      }
      const id = job.id ?? options.jobId ?? '';
      await deps.jobRuns.recordQueued({
        queue: definition.queue,
        jobId: id,
        name,
        // The worker files a run under its payload's teamId; recording the same here keeps
        // GET /api/tasks?team=… right while the job is still queued.
        teamId: options.teamId ?? teamOf(data),
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
      options: { replaceFinished?: boolean } = {},
    ): Promise<void> {
      if (jobs.length === 0) return;
      const definition = JOB_CATALOGUE[name];
      const queue = queueFor(definition.queue);
      for (let i = 0; i < jobs.length; i += 1000) {
        const chunk = jobs.slice(i, i + 1000);
        const bulk = chunk.map((j) => ({
          name,
          data: definition.schema.parse(j.payload) as object,
          opts: {
            attempts: definition.attempts,
            jobId: j.jobId,
            ...(j.delayMs ? { delay: j.delayMs } : {}),
          },
        }));
        await guard(`enqueue ${chunk.length} ${name}`, () => queue.addBulk(bulk));
        if (options.replaceFinished)
          await guard(`repair ${chunk.length} ${name}`, () =>
            replaceFinishedJobs(deps.connection, queue, bulk),
          );
        if (!recordsRuns(name)) continue;
        await deps.jobRuns.recordQueuedMany(
          chunk.map((j) => ({ queue: definition.queue, jobId: j.jobId, name, teamId: j.teamId ?? null })),
        );
      }
    },
    /**
     * Which of these deterministic ids have no live job (absent, finished, or half-written): the
     * ones an add would (re)create. One pipeline.
     */
    async unarmed<N extends JobName>(name: N, jobIds: readonly string[]): Promise<Set<string>> {
      const queue = queueFor(JOB_CATALOGUE[name].queue);
      const states = await guard(`look up ${jobIds.length} ${name}`, () =>
        jobStates(deps.connection, queue, jobIds),
      );
      return new Set(jobIds.filter((_, i) => states[i] !== 'live'));
    },
    async close(): Promise<void> {
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}

export type JobQueues = ReturnType<typeof createJobQueues>;

function teamOf(data: unknown): string | null {
  const teamId = (data as { teamId?: unknown } | null)?.teamId;
  return typeof teamId === 'string' ? teamId : null;
}
