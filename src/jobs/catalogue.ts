import { z } from 'zod';

/**
 * Every background job, by name: the queue it runs on, the schema its payload must satisfy
 * (checked before the handler runs) and its retry policy. Adding a job means adding it here and a
 * handler in handlers/ — the worker refuses names it does not know.
 */
export const QUEUE_NAMES = ['housekeeping', 'delivery'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

const teamScoped = z.object({ teamId: z.string().regex(/^[TE][A-Z0-9]+$/, 'a Slack team id') });

export const JOB_CATALOGUE = {
  /** Daily: re-read members' profiles (time zone, admin flag, deactivation) from users.info. */
  'refresh-member-profiles': {
    queue: 'housekeeping',
    schema: z.object({ batchSize: z.number().int().positive().max(1000).default(200) }),
    attempts: 3,
  },
  /**
   * Plans the next occurrences of every schedulable ritual in Postgres and (re)creates the timers
   * for them in BullMQ. Idempotent; after Redis lost its data, one run restores every timer.
   */
  'reconcile-rituals': {
    queue: 'housekeeping',
    schema: z.object({ horizonDays: z.number().int().min(1).max(31).default(3) }),
    attempts: 3,
  },
  /** Turns one occurrence into per-member deliveries (the ritual channel's people). */
  'fanout-occurrence': {
    queue: 'delivery',
    schema: z.object({ occurrenceId: z.string().regex(/^\d+$/) }),
    attempts: 8,
  },
  /**
   * Runs one step of a ritual occurrence (src/domain/rituals/occurrence-steps.ts) — a learning
   * hour's digest, a design review's presenter DM — once it is due; its record is the step row.
   */
  'occurrence-step': {
    queue: 'delivery',
    schema: z.object({ stepId: z.string().regex(/^\d+$/), teamId: z.string().optional() }),
    attempts: 8,
  },
  /**
   * Deletes scheduled messages Slack should no longer show (src/outbox/unschedule.ts): for one
   * workspace or member after a pause, out-of-office or ritual pause; without a team, the
   * minute sweep (rows finished meanwhile, and shown rows recorded as sent).
   */
  'outbox-unschedule': {
    queue: 'housekeeping',
    schema: z.object({
      teamId: z
        .string()
        .regex(/^[TE][A-Z0-9]+$/, 'a Slack team id')
        .optional(),
      userId: z
        .string()
        .regex(/^[UW][A-Z0-9]+$/, 'a Slack user id')
        .optional(),
    }),
    attempts: 8,
  },
  /**
   * Sends one outbox row (one message, one round) exactly once. Its record is the `outbox` row
   * (state, attempts, last error), so it skips job_runs: ten thousand reminders would otherwise
   * cost tens of thousands of bookkeeping writes.
   */
  deliver: {
    queue: 'delivery',
    recordRuns: false,
    schema: z.object({
      deliveryId: z.string().regex(/^\d+$/),
      round: z.number().int().positive(),
      teamId: z.string(),
      /** The workspace throttle slot (epoch ms) this job already booked, set when it was delayed. */
      slotAt: z.number().int().optional(),
      /** The channel pace slot (epoch ms) this job already booked, set when it was parked for it. */
      channelSlotAt: z.number().int().optional(),
      /** Not scheduled ahead (Slack refused, or it was armed too late): posted at its due time. */
      postAtDue: z.boolean().optional(),
    }),
    attempts: 8,
  },
  /**
   * A job a feature declared from its own folder (SlackFeature.jobs), by `<feature>.<job>`; its
   * data is checked against the feature's own schema before it runs.
   */
  'feature-job': {
    queue: 'housekeeping',
    schema: z.object({
      job: z.string().regex(/^[a-z0-9-]+\.[a-z0-9-]+$/, 'a feature job name'),
      teamId: z.string().optional(),
      data: z.record(z.string(), z.unknown()).default({}),
    }),
    attempts: 5,
  },
  /** One member's profile, after Slack told us it changed or when we first meet them. */
  'sync-member': {
    queue: 'housekeeping',
    schema: teamScoped.extend({ userId: z.string().regex(/^[UW][A-Z0-9]+$/, 'a Slack user id') }),
    attempts: 5,
  },
} as const satisfies Record<
  string,
  { queue: QueueName; schema: z.ZodType; attempts: number; recordRuns?: boolean }
>;

/** Whether a job's runs are recorded in job_runs (every job but those with their own record). */
export function recordsRuns(name: JobName): boolean {
  const definition = JOB_CATALOGUE[name];
  return !('recordRuns' in definition) || definition.recordRuns !== false;
}

export type JobName = keyof typeof JOB_CATALOGUE;
export type JobPayload<N extends JobName> = z.input<(typeof JOB_CATALOGUE)[N]['schema']>;
export type ParsedJobPayload<N extends JobName> = z.output<(typeof JOB_CATALOGUE)[N]['schema']>;

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(JOB_CATALOGUE, name);
}
