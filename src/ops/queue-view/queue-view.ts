import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { QUEUE_NAMES } from '../../jobs/catalogue.ts';
import type { JobQueues } from '../../jobs/queues.ts';
import type { Logger } from '../logger.ts';
import { type OpsRoute, sendError } from '../ops-http.ts';
import { NodeHttpAdapter } from './node-http-adapter.ts';

export const QUEUE_VIEW_PATH = '/ops/queues';

/**
 * bull-board over careerplan's BullMQ queues at /ops/queues. Read-only unless
 * OPS_QUEUE_VIEW_WRITABLE is set: bull-board then hides its buttons, and any request that is not
 * a GET is refused here as well, so a read-only view cannot retry, clean or delete a job.
 * The caller wraps it with the OPS_TOKEN check.
 */
export function createQueueView(deps: { queues: JobQueues; writable: boolean; logger: Logger }): OpsRoute {
  const adapter = new NodeHttpAdapter().setBasePath(QUEUE_VIEW_PATH);
  const require = createRequire(import.meta.url);
  createBullBoard({
    queues: QUEUE_NAMES.map(
      (name) =>
        new BullMQAdapter(deps.queues.queueFor(name), {
          readOnlyMode: !deps.writable,
          description:
            name === 'delivery' ? 'reminders: fan-out and one job per DM' : 'profiles, reconcile, sync',
        }),
    ),
    serverAdapter: adapter,
    options: {
      // Resolved here rather than by bull-board's own lookup, which assumes CommonJS.
      uiBasePath: dirname(require.resolve('@bull-board/ui/package.json')),
      uiConfig: { boardTitle: 'careerplan queues' },
    },
  });

  return {
    path: QUEUE_VIEW_PATH,
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    prefix: true,
    handler(req, res) {
      if (!deps.writable && req.method !== 'GET') {
        sendError(
          res,
          405,
          'read_only',
          'the queue view is read-only; set OPS_QUEUE_VIEW_WRITABLE=true to allow changes',
        );
        return;
      }
      adapter.handle(req, res).catch((error: unknown) => {
        deps.logger.error({ err: error, path: req.url }, 'queue view request failed');
        if (!res.headersSent) sendError(res, 500, 'internal_error', 'the queue view failed; see the app log');
      });
    },
  };
}
