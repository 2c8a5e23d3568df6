import type { Clock } from '../../domain/clock.ts';
import type { DeliveryTimers } from '../../jobs/delivery-timers.ts';
import type { JobQueues } from '../../jobs/queues.ts';
import type { OutboxRepository } from '../../outbox/outbox.repository.ts';
import { OPERATOR_TASKS, operatorTask } from './operator-tasks.ts';
import type { TaskRepository } from './task.repository.ts';
import { parseTaskId, type Task, type TaskFilter } from './task.ts';

/** Why a request could not be served; the API turns each into a 4xx with a JSON error. */
export type TaskProblem =
  | { problem: 'bad_task_id'; message: string }
  | { problem: 'not_found'; message: string }
  | { problem: 'not_failed'; message: string }
  | { problem: 'job_expired'; message: string }
  | { problem: 'unknown_kind'; message: string }
  | { problem: 'bad_params'; message: string };

export type TaskOutcome<T> = { ok: true; value: T } | ({ ok: false } & TaskProblem);

const BAD_ID =
  'task ids look like housekeeping:17 or delivery:deliver__1234__1 (queue, a colon, the job id), as GET /api/tasks lists them';

function fail<T>(problem: TaskProblem['problem'], message: string): TaskOutcome<T> {
  return { ok: false, problem, message } as TaskOutcome<T>;
}

/**
 * What the task API does: read tasks, retry a failed one, start an operator task from the
 * allow-list. Queues, Postgres and the clock are passed in.
 */
export function createTaskService(deps: {
  tasks: TaskRepository;
  queues: JobQueues;
  outboxRepository: OutboxRepository;
  timers: DeliveryTimers;
  clock: Clock;
}) {
  const { tasks, queues } = deps;

  async function find(idText: string): Promise<TaskOutcome<Task>> {
    const id = parseTaskId(idText);
    if (!id) return fail('bad_task_id', BAD_ID);
    const task =
      id.source === 'delivery'
        ? await tasks.findDelivery(id.deliveryId)
        : await tasks.findJob(id.queue, id.jobId);
    return task ? { ok: true, value: task } : fail('not_found', `no task ${idText}`);
  }

  return {
    find,
    list: (filter: TaskFilter): Promise<Task[]> => tasks.list(filter),

    /**
     * Retries a failed task. A job goes back into its queue with its attempts reset (BullMQ keeps
     * failed jobs 7 days; after that it is gone and `job_expired` says to start a new one). A
     * failed reminder is planned again as a new round, due now.
     */
    async retry(idText: string): Promise<TaskOutcome<Task>> {
      const found = await find(idText);
      if (!found.ok) return found;
      const task = found.value;
      if (task.status !== 'failed')
        return fail('not_failed', `task ${task.id} is ${task.status}; only failed tasks can be retried`);
      if (task.delivery) {
        const round = await tasks.replanFailedDelivery(task.delivery.deliveryId, deps.clock.now());
        const delivery =
          round === undefined ? undefined : await deps.outboxRepository.find(task.delivery.deliveryId);
        if (!delivery) return fail('not_failed', `task ${task.id} is no longer failed`);
        await deps.timers.deliver([delivery]);
        const again = await tasks.findDelivery(delivery.id);
        return again ? { ok: true, value: again } : fail('not_found', `no task ${idText}`);
      }
      const job = await queues.queueFor(task.queue).getJob(task.jobId);
      if (!job)
        return fail(
          'job_expired',
          `job ${task.jobId} is no longer in Redis (failed jobs are kept 7 days); start a new one with POST /api/tasks`,
        );
      const state = await job.getState();
      if (state !== 'failed')
        return fail('not_failed', `job ${task.jobId} is ${state} in its queue, not failed`);
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      await tasks.markRequeued(task.queue, task.jobId);
      const again = await tasks.findJob(task.queue, task.jobId);
      return again ? { ok: true, value: again } : fail('not_found', `no task ${idText}`);
    },

    /** Starts an operator task from the allow-list; answers its task id. */
    async start(kind: unknown, params: unknown): Promise<TaskOutcome<{ id: string; kind: string }>> {
      const known = Object.keys(OPERATOR_TASKS).join(', ');
      if (typeof kind !== 'string') return fail('unknown_kind', `kind is required: one of ${known}`);
      const definition = operatorTask(kind);
      if (!definition)
        return fail('unknown_kind', `"${kind.slice(0, 60)}" is not an operator task; one of ${known}`);
      const parsed = definition.parse(params);
      if (!parsed.ok) return fail('bad_params', parsed.message);
      const started = await definition.start(queues, parsed.value);
      return { ok: true, value: { id: `${started.queue}:${started.jobId}`, kind } };
    },
  };
}

export type TaskService = ReturnType<typeof createTaskService>;
