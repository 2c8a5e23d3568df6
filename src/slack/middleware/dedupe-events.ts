import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { ProcessedEventRepository } from '../../db/processed-events.repository.ts';
import { requestTeamId } from '../request-team.ts';

/**
 * Slack re-sends an event when it thinks we missed it (x-slack-retry-num). The first receipt of
 * an event id is processed; later ones stop here (Bolt has already acknowledged them).
 */
export function dedupeEvents(processed: ProcessedEventRepository): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const b = body as { type?: string; event_id?: string };
    if (b.type === 'event_callback' && b.event_id) {
      const first = await processed.markFirstSeen(requestTeamId(body, context.teamId) ?? '', b.event_id);
      if (!first) return;
    }
    await next();
  };
}
