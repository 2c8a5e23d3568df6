import type { JobQueues } from './queues.ts';

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
  // And once now, so a fresh deploy (or a Redis that lost its data) does not wait five minutes.
  await queues.enqueue('reconcile-rituals', { horizonDays: 3 });
}
