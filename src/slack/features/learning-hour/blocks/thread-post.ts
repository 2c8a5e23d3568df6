import type { KnownBlock } from '@slack/types';
import type { RenderedMessage } from '../../../../slack-api/outbox-messages.ts';
import { LEARNING_HOUR_ACTIONS } from '../ids.ts';

/**
 * The week's thread: the question, the "Post my summary" button (carrying the week), the other
 * ways to answer, and when the digest comes.
 */
export function threadPost(occurrenceId: string, digestWhen: string | undefined): RenderedMessage {
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: ':books: *What did you learn this week?*\nReply in this thread with a short learning summary: something you read, a bug you finally understood, a trick you tried.',
      },
    },
    {
      type: 'actions',
      block_id: 'learning_hour_thread',
      elements: [
        {
          type: 'button',
          action_id: LEARNING_HOUR_ACTIONS.postFromThread,
          text: { type: 'plain_text', text: 'Post my summary' },
          style: 'primary',
          value: occurrenceId,
        },
      ],
    },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `Or \`/careerplan summary <what you learned>\` from anywhere.${digestWhen ? ` The digest of the week comes in this thread ${digestWhen}.` : ''} Reminders can be paused with \`/careerplan pause\`.`,
        },
      ],
    },
  ];
  return {
    text: 'What did you learn this week? Reply in this thread with a short learning summary.',
    blocks,
  };
}
