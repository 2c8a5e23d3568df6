import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { ProcessedEventRepository } from '../../db/processed-events.repository.ts';

/**
 * Slack re-sends an event when it thinks we missed it (x-slack-retry-num). The first receipt of
 * an event id is processed; later ones stop here (Bolt has already acknowledged them).
 */
export function dedupeEvents(processed: ProcessedEventRepository): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const b = body as { type?: string; event_id?: string; team_id?: string };
    if (b.type === 'event_callback' && b.event_id) {
      const first = await processed.markFirstSeen(b.team_id ?? '', b.event_id);
      if (!first) return;
    }
    await next();
  };
}
