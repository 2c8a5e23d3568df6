import { z } from 'zod';
import type { ConversationService } from '../../../domain/feedback/conversation.service.ts';
import type { ReviewAskService } from '../../../domain/feedback/review-asks.service.ts';
import type { FeatureJob } from '../../../jobs/handlers/feature-job.ts';
import type { Logger } from '../../../ops/logger.ts';

/** How often design-review activity is looked at: asks go out the next work morning anyway. */
export const REVIEW_ASKS_EVERY_MS = 15 * 60_000;
/** How often members are checked for a new feedback-conversation period (their local date). */
export const CONVERSATION_NUDGES_EVERY_MS = 60 * 60_000;

/**
 * Feedback's recurring jobs, run by BullMQ job schedulers on the worker (once at start, then
 * every interval). Both are idempotent: what they create is unique per session, member, period
 * and DM key, so a run repeated or racing on another worker sends nothing twice. Logs carry
 * counts only.
 */
export function feedbackJobs(deps: {
  reviewAsks: ReviewAskService;
  conversations: ConversationService;
  logger: Logger;
}): Record<string, FeatureJob> {
  return {
    'review-asks': {
      schema: z.object({}),
      everyMs: REVIEW_ASKS_EVERY_MS,
      async run() {
        const { sessions, rows } = await deps.reviewAsks.run();
        if (sessions > 0) deps.logger.info({ sessions, rows }, 'feedback asks after design reviews planned');
      },
    },
    'conversation-nudges': {
      schema: z.object({}),
      everyMs: CONVERSATION_NUDGES_EVERY_MS,
      async run() {
        const { opened } = await deps.conversations.nudge();
        if (opened > 0) deps.logger.info({ opened }, 'feedback conversation nudges planned');
      },
    },
  };
}
