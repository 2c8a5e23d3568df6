import type { Config } from '../config.ts';
import type { Deps } from '../deps.ts';
import { requireOpsToken } from './ops-auth.ts';
import { type OpsRoute, sendError } from './ops-http.ts';
import { createQueueView, QUEUE_VIEW_PATH } from './queue-view/queue-view.ts';
import { createTaskRepository } from './tasks/task.repository.ts';
import { createTaskService } from './tasks/task.service.ts';
import { createTaskApi, TASKS_PATH } from './tasks/task-api.ts';

/** The HTTP routes of each port: PORT (Slack's, often public) and OPS_PORT (operators only). */
export interface OpsSurface {
  /** Served on PORT, next to /slack/events. */
  onPort: OpsRoute[];
  /** Served on OPS_PORT; undefined when OPS_PORT is unset (everything is on PORT then). */
  onOpsPort: OpsRoute[] | undefined;
}

function off(path: string): OpsRoute {
  return {
    path,
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    prefix: true,
    handler: (_req, res) =>
      sendError(
        res,
        404,
        'ops_api_off',
        'the task API and the queue view are off: set OPS_TOKEN to turn them on',
      ),
  };
}

/**
 * Decides where each operator route listens (SPEC §3). /healthz and /readyz answer on PORT always
 * (load balancers and Kubernetes probe them there) and on OPS_PORT too. /metrics, the task API and
 * the queue view are on OPS_PORT when it is set, else on PORT. Without OPS_TOKEN the task API and
 * the queue view are off; /metrics never needs the token, so Prometheus can scrape it.
 */
export function buildOpsSurface(
  config: Pick<Config, 'opsPort' | 'opsToken' | 'queueViewWritable'>,
  deps: Pick<Deps, 'db' | 'queues' | 'outboxRepository' | 'timers' | 'clock' | 'logger'>,
  baseRoutes: readonly OpsRoute[],
): OpsSurface {
  const health = baseRoutes.filter((r) => r.path === '/healthz' || r.path === '/readyz');
  const others = baseRoutes.filter((r) => !health.includes(r));

  let guarded: OpsRoute[];
  if (config.opsToken === undefined) {
    guarded = [off(TASKS_PATH), off(QUEUE_VIEW_PATH)];
  } else {
    const tasks = createTaskService({ ...deps, tasks: createTaskRepository(deps.db) });
    const taskApi = createTaskApi({ tasks, clock: deps.clock, logger: deps.logger });
    const queueView = createQueueView({
      queues: deps.queues,
      writable: config.queueViewWritable,
      logger: deps.logger,
    });
    guarded = [
      { ...taskApi, handler: requireOpsToken(config.opsToken, taskApi.handler) },
      { ...queueView, handler: requireOpsToken(config.opsToken, queueView.handler, { browser: true }) },
    ];
  }

  const operatorRoutes = [...others, ...guarded];
  return config.opsPort === undefined
    ? { onPort: [...health, ...operatorRoutes], onOpsPort: undefined }
    : { onPort: health, onOpsPort: [...health, ...operatorRoutes] };
}
