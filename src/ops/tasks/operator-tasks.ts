import { z } from 'zod';
import { JOB_CATALOGUE, type JobName, type JobPayload, type QueueName } from '../../jobs/catalogue.ts';
import type { JobQueues } from '../../jobs/queues.ts';

/** Where a started task landed: its queue and BullMQ job id (together, its task id). */
export interface StartedTask {
  queue: QueueName;
  jobId: string;
}

export interface OperatorTask {
  /** One line for the API's error message and the docs. */
  summary: string;
  /** Checks the request's `params`; a failure is the API's 400 bad_params. */
  parse(params: unknown): { ok: true; value: unknown } | { ok: false; message: string };
  start(queues: JobQueues, params: unknown): Promise<StartedTask>;
}

/** One allow-list entry that enqueues `job` with a payload built from the checked params. */
function enqueues<N extends JobName, S extends z.ZodType>(
  job: N,
  summary: string,
  params: S,
  payload: (params: z.output<S>) => JobPayload<N>,
): OperatorTask {
  return {
    summary,
    parse(raw) {
      const result = params.safeParse(raw ?? {});
      return result.success
        ? { ok: true, value: result.data }
        : {
            ok: false,
            message: result.error.issues
              .map((i) => `${i.path.join('.') || 'params'}: ${i.message}`)
              .join('; '),
          };
    },
    async start(queues, value) {
      const jobId = await queues.enqueue(job, payload(value as z.output<S>));
      return { queue: JOB_CATALOGUE[job].queue, jobId };
    },
  };
}

/**
 * The operator tasks `POST /api/tasks` may start, by kind. Nothing outside this list can be
 * enqueued through the API. This is the extension point: a new job an operator should be able to
 * run by hand gets an entry here.
 */
export const OPERATOR_TASKS: Readonly<Record<string, OperatorTask>> = {
  'reconcile-rituals': enqueues(
    'reconcile-rituals',
    "plan every ritual's next occurrences and restore any reminder timer Redis lost, now",
    z.object({ horizonDays: z.number().int().min(1).max(31).default(3) }).strict(),
    (p) => ({ horizonDays: p.horizonDays }),
  ),
  'post-digest': enqueues(
    'feature-job',
    "post this week's learning-hour digest into its thread now (once: a second request finds it composed)",
    z.object({ teamId: z.string().regex(/^[TE][A-Z0-9]+$/, 'a Slack team id') }).strict(),
    (p) => ({ job: 'learning-hour.post-digest', teamId: p.teamId, data: { teamId: p.teamId } }),
  ),
  'refresh-member-profiles': enqueues(
    'refresh-member-profiles',
    "re-read members' names, time zones and admin flags from Slack, now (normally daily at 03:00 UTC)",
    z.object({ batchSize: z.number().int().min(1).max(1000).default(500) }).strict(),
    (p) => ({ batchSize: p.batchSize }),
  ),
};

export function operatorTask(kind: string): OperatorTask | undefined {
  return Object.hasOwn(OPERATOR_TASKS, kind) ? OPERATOR_TASKS[kind] : undefined;
}
