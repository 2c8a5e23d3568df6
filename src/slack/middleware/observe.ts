import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Metrics } from '../../ops/metrics.ts';

/** kind + name of a Slack request, for the latency histogram (bounded label values). */
export function describeRequest(body: AnyMiddlewareArgs['body']): { kind: string; name: string } {
  const b = body as Record<string, unknown>;
  if (typeof b.command === 'string') {
    const sub = typeof b.text === 'string' ? (b.text.trim().split(/\s+/)[0] ?? '').toLowerCase() : '';
    return { kind: 'command', name: /^[a-z-]{1,20}$/.test(sub) ? sub : sub === '' ? 'help' : 'other' };
  }
  if (b.type === 'block_actions') {
    const action = (b.actions as Array<{ action_id?: string }> | undefined)?.[0]?.action_id ?? 'unknown';
    return { kind: 'action', name: action };
  }
  if (b.type === 'view_submission' || b.type === 'view_closed') {
    return { kind: 'view', name: (b.view as { callback_id?: string } | undefined)?.callback_id ?? 'unknown' };
  }
  if (b.type === 'event_callback') {
    return { kind: 'event', name: (b.event as { type?: string } | undefined)?.type ?? 'unknown' };
  }
  return { kind: 'other', name: typeof b.type === 'string' ? b.type : 'unknown' };
}

/** Times every request through the whole listener chain. */
export function observeRequests(metrics: Metrics): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const labels = describeRequest(body);
    const stop = metrics.listenerDuration.startTimer(labels);
    try {
      await next();
      stop({ outcome: 'ok' });
    } catch (error) {
      stop({ outcome: 'error' });
      throw error;
    }
  };
}
