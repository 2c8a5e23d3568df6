import type { NewOutboxMessage } from '../../outbox/message.ts';
import { localDateOf } from '../schedules/local-time.ts';

/**
 * The DMs feedback sends through the outbox: their kinds (rendered at send time by the Slack
 * feature, which may skip them then) and their idempotency keys, so building the same DM twice
 * — a job that ran twice, a retried submission — stores one row and sends one message.
 */
export const FEEDBACK_KINDS = {
  /** To a person asked: the question, with answer and decline buttons. */
  ask: 'feedback.ask',
  /** The one gentle reminder, halfway to the due date (skipped if they answered or declined). */
  reminder: 'feedback.reminder',
  /** To the requester: an answer arrived (without its author when anonymous). */
  answered: 'feedback.answered',
  /** To the requester at the close: answered, declined, no answer (computed at send time). */
  summary: 'feedback.summary',
  /** The periodic feedback-conversation nudge, to a member or to their manager. */
  conversation: 'feedback.conversation',
  /** To a manager: a member named them as their manager. */
  managerNamed: 'feedback.manager-named',
} as const;

export const feedbackKeys = {
  ask: (requestId: string, userId: string) => `feedback:ask:${requestId}:${userId}`,
  reviewAsk: (session: string, userId: string) => `feedback:review:${session}:${userId}`,
  reminder: (requestId: string, userId: string) => `feedback:reminder:${requestId}:${userId}`,
  summary: (requestId: string) => `feedback:summary:${requestId}`,
  /** Keyed by the ask, never by its author: keys are not secret, but they stay plain ids. */
  answered: (askId: string) => `feedback:answer:${askId}`,
  conversation: (period: string, userId: string) => `feedback:conversation:${period}:${userId}`,
  conversationManager: (period: string, userId: string, managerId: string) =>
    `feedback:conversation:${period}:${userId}:manager:${managerId}`,
  managerNamed: (userId: string, managerId: string) => `feedback:manager:${userId}:${managerId}`,
};

/** A DM to one member at `dueAt`, with their local date so pause and out-of-office apply. */
export function feedbackDm(input: {
  teamId: string;
  userId: string;
  key: string;
  kind: string;
  dueAt: Date;
  tz: string;
  payload: Record<string, unknown>;
}): NewOutboxMessage {
  return {
    teamId: input.teamId,
    key: input.key,
    kind: input.kind,
    target: { type: 'dm', userId: input.userId },
    dueAt: input.dueAt,
    payload: input.payload,
    localDate: localDateOf(input.dueAt, input.tz),
    tz: input.tz,
  };
}
