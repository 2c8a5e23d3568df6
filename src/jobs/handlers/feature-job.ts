import type { z } from 'zod';
import { PermanentJobError } from '../errors.ts';

/** A background job a feature declares from its own folder (SlackFeature.jobs). */
export interface FeatureJob {
  schema: z.ZodType;
  /** Runs the job; throw to retry (BullMQ backoff), PermanentJobError to stop. */
  run(data: unknown): Promise<void>;
  /**
   * Runs on its own every this many milliseconds (a BullMQ job scheduler registered at worker
   * start, with empty data; the first run one interval after start). Omit for jobs that are
   * only enqueued.
   */
  everyMs?: number;
}

/** Feature jobs by name (`<feature>.<job>`), filled from the feature list at start-up. */
export type FeatureJobs = ReadonlyMap<string, FeatureJob>;

/**
 * The `feature-job` job: runs a job a feature declared from its own folder. Its data is checked
 * against the feature's schema first; data that does not match fails without retries.
 */
export function createFeatureJobHandler(jobs: FeatureJobs) {
  return async (payload: { job: string; data: Record<string, unknown> }) => {
    const job = jobs.get(payload.job);
    if (!job) throw new PermanentJobError('unknown_job', `no feature job "${payload.job}"`);
    const parsed = job.schema.safeParse(payload.data);
    if (!parsed.success) throw new PermanentJobError('invalid_payload', `bad data for "${payload.job}"`);
    await job.run(parsed.data);
  };
}
