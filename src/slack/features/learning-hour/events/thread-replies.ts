import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { LearningHourEdge } from '../context.ts';
import { readThreadMessage } from './message-event.ts';

/**
 * Replies in a learning-hour thread are stored as summaries as they arrive (message.channels /
 * message.groups events; channel history is never read back). Edits update them, deletions remove
 * them; bot messages and other threads are ignored. A retried event is stopped by the app's
 * event-id dedupe, and the same message stored twice is refused by its unique (channel, ts).
 */
export function threadReplies(edge: LearningHourEdge) {
  return async ({
    event,
    context,
    body,
    client,
  }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs) => {
    const teamId = context.teamId ?? body.team_id;
    const message = readThreadMessage(event);
    if (!teamId || !message) return;
    if (message.kind === 'posted') {
      const stored = await edge.summaryService.fromReply({
        teamId,
        userId: message.userId,
        channelId: message.channelId,
        threadTs: message.threadTs,
        messageTs: message.ts,
        text: message.text,
      });
      if (stored) {
        // Their name goes into the digest; their Home shows the week as done.
        await edge.resolver.resolve(client, teamId, message.userId);
        await edge.home.refresh(client, teamId, message.userId);
      }
      return;
    }
    if (message.kind === 'edited') {
      await edge.summaryService.replyEdited({
        teamId,
        channelId: message.channelId,
        messageTs: message.ts,
        text: message.text,
      });
      return;
    }
    await edge.summaryService.replyDeleted({ teamId, channelId: message.channelId, messageTs: message.ts });
  };
}
