import type { NewOutboxMessage } from '../../outbox/message.ts';
import type { TeamCalendar } from '../schedules/work-calendar.ts';
import type { FeedbackAsk, FeedbackRequest } from './feedback.ts';
import { FEEDBACK_KINDS, feedbackDm, feedbackKeys } from './messages.ts';
import { reminderTime } from './timing.ts';

/** One person asked, with their zone and when their ask DM goes out. */
export interface PlannedAsk {
  ask: FeedbackAsk;
  tz: string;
  askAt: Date;
}

/**
 * Every DM a request sends, as outbox rows: per person asked, the ask (at `askAt`) and the one
 * reminder halfway to the close (when it fits); and the requester's summary at the close. The
 * kinds decide at send time whether each still applies (answered, declined, closed, paused).
 */
export function planRequestDms(input: {
  request: FeedbackRequest;
  asks: readonly PlannedAsk[];
  calendar: TeamCalendar;
  /** For design-review asks: the session, which names the ask's key. */
  session?: string;
}): NewOutboxMessage[] {
  const { request, calendar } = input;
  const rows: NewOutboxMessage[] = [];
  for (const { ask, tz, askAt } of input.asks) {
    const payload = { requestId: request.id, askId: ask.id };
    const base = { teamId: request.teamId, userId: ask.userId, tz, payload };
    rows.push(
      feedbackDm({
        ...base,
        key: input.session
          ? feedbackKeys.reviewAsk(input.session, ask.userId)
          : feedbackKeys.ask(request.id, ask.userId),
        kind: FEEDBACK_KINDS.ask,
        dueAt: askAt,
      }),
    );
    const remindAt = reminderTime({ askedAt: askAt, closesAt: request.closesAt, tz, calendar });
    if (remindAt) {
      rows.push(
        feedbackDm({
          ...base,
          key: feedbackKeys.reminder(request.id, ask.userId),
          kind: FEEDBACK_KINDS.reminder,
          dueAt: remindAt,
        }),
      );
    }
  }
  rows.push(
    feedbackDm({
      teamId: request.teamId,
      userId: request.userId,
      tz: request.tz,
      key: feedbackKeys.summary(request.id),
      kind: FEEDBACK_KINDS.summary,
      dueAt: request.closesAt,
      payload: { requestId: request.id },
    }),
  );
  return rows;
}
