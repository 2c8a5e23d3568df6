import { DelayedError, type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ErrorLog } from '../ops/error-log.ts';
import { type Logger, scrubSecrets } from '../ops/logger.ts';
import type { Metrics } from '../ops/metrics.ts';
import {
  isJobName,
  JOB_CATALOGUE,
  type JobName,
  type ParsedJobPayload,
  QUEUE_NAMES,
  recordsRuns,
} from './catalogue.ts';
import { PermanentJobError, RetryLaterError } from './errors.ts';
import type { JobRunRepository } from './job-runs.repository.ts';

export interface JobInfo {
  id: string;
  name: JobName;
  /** 1 on the first run, 2 on the first retry, … */
  attempt: number;
  maxAttempts: number;
}

export type JobHandler<N extends JobName> = (payload: ParsedJobPayload<N>, info: JobInfo) => Promise<void>;
export type JobHandlers = { [N in JobName]: JobHandler<N> };

/**
 * One BullMQ Worker per queue, dispatching by job name to the typed handlers. The payload is
 * checked against the catalogue's schema before the handler runs; a payload that does not
 * match, or a PermanentJobError, fails the job without retries. Every transition is recorded in
 * job_runs.
 */
export function startWorkers(deps: {
  connection: Redis;
  prefix: string;
  handlers: JobHandlers;
  jobRuns: JobRunRepository;
  metrics: Metrics;
  logger: Logger;
  /** Connection errors of the workers go here (grouped and rate-limited); defaults to the logger. */
  errorLog?: ErrorLog;
  /** Concurrency of the delivery queue; housekeeping jobs run a few at a time. */
  concurrency?: number;
}) {
  const { jobRuns, metrics, logger } = deps;

  async function process(job: Job, token?: string): Promise<void> {
    const queue = job.queueName;
    const name = job.name;
    const attempt = job.attemptsMade + 1;
    const maxAttempts = job.opts.attempts ?? 1;
    const data = job.data as Record<string, unknown>;
    const teamId = typeof data.teamId === 'string' ? data.teamId : null;
    const key = { queue, jobId: job.id ?? 'unknown', name, teamId };
    // A job without a name is a half-written hash (Redis lost data mid-write): nothing to record,
    // and it fails below as unknown, so reconcile can replace it (see timer-repair.ts).
    const record = isJobName(name) ? recordsRuns(name) : typeof name === 'string' && name !== '';
    const upsert: JobRunRepository['upsert'] = record ? jobRuns.upsert : async () => {};
    await upsert(key, { status: 'running', attempts: attempt, started: true });
    const stopTimer = metrics.jobDuration.startTimer({ queue, name });
    try {
      if (!isJobName(name)) throw new PermanentJobError('unknown_job', `no handler for job "${name}"`);
      const parsed = JOB_CATALOGUE[name].schema.safeParse(job.data);
      if (!parsed.success)
        throw new PermanentJobError('bad_payload', `payload does not match: ${parsed.error.message}`);
      const handler = deps.handlers[name] as JobHandler<typeof name>;
      await handler(parsed.data as ParsedJobPayload<typeof name>, {
        id: key.jobId,
        name,
        attempt,
        maxAttempts,
      });
      await upsert(key, { status: 'done', attempts: attempt, lastError: null, finished: true });
      metrics.jobs.inc({ queue, name, outcome: 'done' });
    } catch (error) {
      if (error instanceof RetryLaterError) {
        // Not a failure: park the job until it may run again; attemptsMade does not grow.
        await upsert(key, { status: 'queued', attempts: attempt, lastError: error.reason });
        metrics.jobs.inc({ queue, name, outcome: 'delayed' });
        if (error.payloadPatch) await job.updateData({ ...data, ...error.payloadPatch });
        await job.moveToDelayed(error.untilMs, token);
        throw new DelayedError();
      }
      const permanent = error instanceof PermanentJobError;
      const final = permanent || attempt >= maxAttempts;
      // The code first (user_not_found, not_installed…): it is what an operator filters on.
      const text = (error as Error).message ?? String(error);
      const coded = permanent && !text.includes(error.code) ? `${error.code}: ${text}` : text;
      const message = scrubSecrets(coded).slice(0, 2000);
      await upsert(key, {
        status: final ? 'failed' : 'queued',
        attempts: attempt,
        lastError: message,
        finished: final,
      });
      metrics.jobs.inc({ queue, name, outcome: final ? 'failed' : 'retrying' });
      // Only the final attempt is an error worth paging on; earlier ones are expected noise.
      if (final) logger.error({ err: error, queue, name, jobId: key.jobId, attempt }, 'job failed');
      else if (deps.errorLog)
        // An outage fails every running job the same way: one line per kind, not one per job.
        deps.errorLog.report(`job ${name} will be retried`, error, { queue, jobId: key.jobId, attempt });
      else logger.warn({ queue, name, jobId: key.jobId, attempt, error: message }, 'job will be retried');
      throw permanent ? new UnrecoverableError(message) : error;
    } finally {
      stopTimer();
    }
  }

  const workers = QUEUE_NAMES.map(
    (queueName) =>
      new Worker(queueName, process, {
        connection: deps.connection,
        prefix: deps.prefix,
        concurrency: queueName === 'delivery' ? (deps.concurrency ?? 100) : 5,
      }),
  );
  for (const worker of workers) {
    // Connection errors are retried by ioredis; log them instead of crashing the process.
    worker.on('error', (error) => {
      if (deps.errorLog) deps.errorLog.report('bullmq-worker', error, { queue: worker.name });
      else logger.warn({ err: error, queue: worker.name }, 'worker error');
    });
  }

  return {
    workers,
    /** Stops taking new jobs and waits for running ones to finish (graceful shutdown). */
    async close(): Promise<void> {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}

export type Workers = ReturnType<typeof startWorkers>;
