import cron from 'node-cron';
import type { Db } from '../db/database.ts';
import type { Logger } from '../ops/logger.ts';
import type { JobRunRepository } from './job-runs.repository.ts';

const DAY_MS = 24 * 3600 * 1000;

/**
 * In-process housekeeping ticks (node-cron). They only trim our own bookkeeping tables; nothing a
 * user sees runs here — user-facing schedules are BullMQ job schedulers, which survive restarts
 * and run once across replicas. Running this on several replicas is harmless (idempotent deletes).
 */
export function startHousekeepingCron(deps: { db: Db; jobRuns: JobRunRepository; logger: Logger }) {
  const task = cron.schedule(
    '17 * * * *',
    async () => {
      try {
        // Slack retries events for at most a few hours; three days is a wide margin.
        await deps.db
          .deleteFrom('processed_events')
          .where('received_at', '<', new Date(Date.now() - 3 * DAY_MS))
          .execute();
        const done = await deps.jobRuns.pruneFinished(new Date(Date.now() - 30 * DAY_MS), 'done');
        const failed = await deps.jobRuns.pruneFinished(new Date(Date.now() - 90 * DAY_MS), 'failed');
        deps.logger.debug({ done, failed }, 'housekeeping pruned job runs');
      } catch (error) {
        deps.logger.warn({ err: error }, 'housekeeping tick failed');
      }
    },
    { name: 'housekeeping', noOverlap: true },
  );
  return { stop: () => task.stop() };
}
