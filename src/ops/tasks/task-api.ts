import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../../domain/clock.ts';
import type { Logger } from '../logger.ts';
import { type OpsRoute, readJsonBody, sendError, sendJson } from '../ops-http.ts';
import type { TaskProblem, TaskService } from './task.service.ts';
import { parseTaskFilter } from './task.ts';

export const TASKS_PATH = '/api/tasks';

const STATUS_OF: Record<TaskProblem['problem'], number> = {
  bad_task_id: 400,
  unknown_kind: 400,
  bad_params: 400,
  not_found: 404,
  not_failed: 409,
  job_expired: 410,
};

function sendProblem(res: ServerResponse, problem: TaskProblem): void {
  sendError(res, STATUS_OF[problem.problem], problem.problem, problem.message);
}

/**
 * The task status API (docs/operations.md), as one prefix route under /api/tasks:
 *   GET  /api/tasks?status=&since=&name=&team=&user=&limit=   list, newest first
 *   POST /api/tasks {"kind": …, "params": {…}}                start an operator task → 202 + id
 *   GET  /api/tasks/:id                                        one task
 *   POST /api/tasks/:id/retry                                  retry a failed one → 202
 * The caller wraps it with the OPS_TOKEN check.
 */
export function createTaskApi(deps: { tasks: TaskService; clock: Clock; logger: Logger }): OpsRoute {
  const { tasks } = deps;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://ops');
    const rest = url.pathname.slice(TASKS_PATH.length).replace(/^\/+/, '');
    const method = req.method ?? 'GET';

    if (rest === '') {
      if (method === 'GET') {
        const filter = parseTaskFilter(url.searchParams, deps.clock.now());
        if (!filter.ok) return sendError(res, 400, filter.error, filter.message);
        const list = await tasks.list(filter.filter);
        return sendJson(res, 200, { tasks: list, count: list.length, limit: filter.filter.limit });
      }
      if (method === 'POST') {
        let body: Record<string, unknown>;
        try {
          body = await readJsonBody(req);
        } catch (error) {
          return sendError(
            res,
            400,
            'bad_json',
            `the body must be JSON like {"kind": "reconcile-rituals"}: ${(error as Error).message}`,
          );
        }
        const started = await tasks.start(body.kind, body.params);
        if (!started.ok) return sendProblem(res, started);
        const location = `${TASKS_PATH}/${encodeURIComponent(started.value.id)}`;
        return sendJson(res, 202, { ...started.value, status: 'queued', location }, { location });
      }
      return sendError(
        res,
        405,
        'method_not_allowed',
        `${method} ${TASKS_PATH}: use GET to list or POST to start a task`,
      );
    }

    const retry = rest.endsWith('/retry');
    let id: string;
    try {
      id = decodeURIComponent(retry ? rest.slice(0, -'/retry'.length) : rest);
    } catch {
      return sendError(res, 400, 'bad_task_id', 'the task id is not valid URL encoding');
    }
    if (retry) {
      if (method !== 'POST') return sendError(res, 405, 'method_not_allowed', 'retry with POST');
      const retried = await tasks.retry(id);
      if (!retried.ok) return sendProblem(res, retried);
      return sendJson(res, 202, { task: retried.value });
    }
    if (method !== 'GET')
      return sendError(res, 405, 'method_not_allowed', `${method} is not allowed on a task; GET it`);
    const found = await tasks.find(id);
    if (!found.ok) return sendProblem(res, found);
    return sendJson(res, 200, { task: found.value });
  }

  return {
    path: TASKS_PATH,
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    prefix: true,
    handler(req, res) {
      handle(req, res).catch((error: unknown) => {
        deps.logger.error({ err: error, path: req.url }, 'task API request failed');
        if (!res.headersSent) sendError(res, 500, 'internal_error', 'the request failed; see the app log');
      });
    },
  };
}
