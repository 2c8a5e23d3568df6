import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Metrics } from '../../ops/metrics.ts';

/**
 * A Slack id reduced to a bounded label: the part before the first ':' (buttons carry their
 * record id after it, e.g. `plans_ms_done:123`), and `other` for anything that still looks
 * like it carries data (long digit runs, odd characters, too long). Label values must come from
 * a small fixed set, or every new record adds a time series (14 series once grew to 1,134).
 */
export function idPrefix(id: string | undefined): string {
  if (id === undefined || id === '') return 'unknown';
  const prefix = id.split(':')[0] ?? '';
  return /^[a-z][a-z0-9_-]{0,39}$/i.test(prefix) && !/\d{3}/.test(prefix) ? prefix : 'other';
}

/**
 * kind + name of a Slack request, for the latency histogram. Every name is bounded: subcommands
 * outside `knownSubcommands` (typos, free text) are `other`, action and callback ids are reduced
 * to their prefix.
 */
export function describeRequest(
  body: AnyMiddlewareArgs['body'],
  knownSubcommands: ReadonlySet<string> = new Set(),
): { kind: string; name: string } {
  const b = body as Record<string, unknown>;
  if (typeof b.command === 'string') {
    const sub = typeof b.text === 'string' ? (b.text.trim().split(/\s+/)[0] ?? '').toLowerCase() : '';
    return { kind: 'command', name: sub === '' ? 'help' : knownSubcommands.has(sub) ? sub : 'other' };
  }
  if (b.type === 'block_actions') {
    const action = (b.actions as Array<{ action_id?: string }> | undefined)?.[0]?.action_id;
    return { kind: 'action', name: idPrefix(action) };
  }
  if (b.type === 'view_submission' || b.type === 'view_closed') {
    return { kind: 'view', name: idPrefix((b.view as { callback_id?: string } | undefined)?.callback_id) };
  }
  if (b.type === 'event_callback') {
    return { kind: 'event', name: idPrefix((b.event as { type?: string } | undefined)?.type) };
  }
  return { kind: 'other', name: idPrefix(typeof b.type === 'string' ? b.type : undefined) };
}

/** Times every request through the whole listener chain. */
export function observeRequests(
  metrics: Metrics,
  knownSubcommands: ReadonlySet<string> = new Set(),
): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const labels = describeRequest(body, knownSubcommands);
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
