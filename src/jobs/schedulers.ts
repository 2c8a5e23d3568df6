import type { ErrorLog } from '../ops/error-log.ts';
import type { Logger } from '../ops/logger.ts';
import { SENDING_LEASE_MS } from '../outbox/message.ts';
import type { FeatureJobs } from './handlers/feature-job.ts';
import { type JobQueues, jobId } from './queues.ts';

/** A feature's recurring job (SlackFeature.schedules), its job name qualified `<feature>.<job>`. */
export interface FeatureJobSchedule {
  id: string;
  job: string;
  everyMs: number;
  data?: Record<string, unknown>;
}

/**
 * Every recurring job, registered with `upsertJobScheduler` at worker start. Upserting by a fixed
 * scheduler id means deploys and replicas never create duplicates, and a changed pattern replaces
 * the old one. Features' schedules (SlackFeature.schedules) run their `feature-job` on the housekeeping queue.
 */
export async function registerJobSchedulers(
  queues: JobQueues,
  featureJobs: FeatureJobs = new Map(),
  featureSchedules: readonly FeatureJobSchedule[] = [],
): Promise<void> {
  for (const schedule of featureSchedules) {
    await queues.queueFor('housekeeping').upsertJobScheduler(
      `feature:${schedule.id}`,
      { every: schedule.everyMs },
      {
        name: 'feature-job',
        data: { job: schedule.job, data: schedule.data ?? {} },
        opts: { attempts: 3 },
      },
    );
  }
  await queues
    .queueFor('housekeeping')
    .upsertJobScheduler(
      'refresh-member-profiles',
      { pattern: '0 3 * * *', tz: 'UTC' },
      { name: 'refresh-member-profiles', data: { batchSize: 500 }, opts: { attempts: 3 } },
    );
  // Plans rituals' next occurrences and restores any timer Redis lost. Cheap and idempotent.
  await queues
    .queueFor('housekeeping')
    .upsertJobScheduler(
      'reconcile-rituals',
      { every: 5 * 60 * 1000 },
      { name: 'reconcile-rituals', data: { horizonDays: 3 }, opts: { attempts: 3 } },
    );
  // Scheduled messages (docs/outbox.md): shown ones recorded as sent, and those of rows answered
  // or skipped since scheduling deleted — within a minute.
  await queues
    .queueFor('housekeeping')
    .upsertJobScheduler(
      'outbox-unschedule',
      { every: 60 * 1000 },
      { name: 'outbox-unschedule', data: {}, opts: { attempts: 3 } },
    );
  // Skill check-ins and sprint retrospectives (features/skills): planned into the outbox ahead
  // of their time, under keys that make replanning harmless.
  await queues
    .queueFor('housekeeping')
    .upsertJobScheduler(
      'skills-plan-checkins',
      { every: 10 * 60 * 1000 },
      { name: 'feature-job', data: { job: 'skills.plan-checkins', data: {} }, opts: { attempts: 3 } },
    );
  // Features' recurring jobs (SlackFeature.jobs with everyMs), e.g. feedback's after-review asks.
  // The first run is one interval after start: BullMQ would otherwise run an `every` scheduler at
  // once, on every deploy, racing whatever the process does first.
  for (const [name, job] of featureJobs) {
    if (!job.everyMs) continue;
    await queues
      .queueFor('housekeeping')
      .upsertJobScheduler(
        jobId('feature-job', name),
        { every: job.everyMs, startDate: Date.now() + job.everyMs },
        { name: 'feature-job', data: { job: name, data: {} }, opts: { attempts: 3 } },
      );
  }
  // And once now, so a fresh deploy (or a Redis that lost its data) does not wait five minutes.
  await queues.enqueue('reconcile-rituals', { horizonDays: 3 });
}

/**
 * Checks every `intervalMs` that the schedulers still exist, and registers them again (with an
 * immediate reconcile) when they do not: Redis lost its data while this worker kept running.
 * Without it, a Redis restarted without persistence would leave every ritual unplanned until the
 * next deploy. Errors (Redis down right now) are logged and the check runs again next tick.
 */
export function watchJobSchedulers(
  queues: JobQueues,
  errorLog: ErrorLog,
  logger: Logger,
  intervalMs = 30_000,
  featureJobs: FeatureJobs = new Map(),
  featureSchedules: readonly FeatureJobSchedule[] = [],
): { stop(): void } {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void (async () => {
      const housekeeping = queues.queueFor('housekeeping');
      const present = await queues.guard('read job schedulers', () =>
        housekeeping.getJobScheduler('reconcile-rituals'),
      );
      if (present) return;
      await registerJobSchedulers(queues, featureJobs, featureSchedules);
      // Jobs that were running when the data went may still write their outcome (or a half job)
      // for up to a delivery lease; a second reconcile after that restores whatever they left.
      await queues.enqueue('reconcile-rituals', { horizonDays: 3 }, { delayMs: SENDING_LEASE_MS + 15_000 });
      logger.info('job schedulers were missing from Redis (data lost?); registered again and reconciling');
    })()
      .catch((error: unknown) => errorLog.report('job-schedulers', error))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
