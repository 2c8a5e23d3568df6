import type { ConversationRepository } from '../../../domain/feedback/conversation.repository.ts';
import { periodLabel } from '../../../domain/feedback/conversation.ts';
import type { FeedbackViews } from '../../../domain/feedback/feedback-views.ts';
import { FEEDBACK_KINDS } from '../../../domain/feedback/messages.ts';
import { isOutOfOfficeOn, isPausedOn } from '../../../domain/schedules/index.ts';
import type { OutboxKind, Prepared } from '../../../outbox/kinds.ts';
import type { OutboxMessage, RecipientAtClaim } from '../../../outbox/message.ts';
import {
  answeredMessage,
  askMessage,
  conversationMessage,
  managerNamedMessage,
  summaryMessage,
} from './blocks/messages.ts';

/** Asks can wait out an outage for days: the question stays relevant until the request closes. */
const ASK_LATENESS_MS = 7 * 24 * 3600_000;
const NOTICE_LATENESS_MS = 3 * 24 * 3600_000;

const text = (payload: Record<string, unknown>, key: string) =>
  typeof payload[key] === 'string' ? (payload[key] as string) : '';

/** A member DM is not sent on a day they paused or are out of office. */
function unavailable(row: OutboxMessage, recipient: RecipientAtClaim): Prepared | undefined {
  if (row.localDate && isPausedOn(recipient.availability, row.localDate)) return { skip: 'paused' };
  if (row.localDate && isOutOfOfficeOn(recipient.availability, row.localDate))
    return { skip: 'out_of_office' };
  return undefined;
}

/**
 * What feedback sends through the outbox, rendered at send time from the rows as they are then:
 * an ask or reminder to someone who has answered, declined, or whose request closed is skipped;
 * the summary is computed at the close. Metric labels are the kinds' names (a bounded set).
 */
export function feedbackOutboxKinds(deps: {
  views: FeedbackViews;
  conversations: Pick<ConversationRepository, 'findConversation' | 'managerOf' | 'cadence'>;
}): OutboxKind[] {
  const ask = (name: string, reminder: boolean): OutboxKind => ({
    name,
    maxLatenessMs: reminder ? undefined : ASK_LATENESS_MS,
    async prepare(row, recipient) {
      const state = await deps.views.askState(row.teamId, text(row.payload, 'askId'));
      if (state.state === 'gone') return { skip: 'gone' };
      if (state.state === 'responded') return { skip: 'responded' };
      if (state.state === 'closed') return { skip: 'closed' };
      // The row is the person's own: its target and the ask's person are the same member.
      if (state.ask.userId !== row.userId) return { skip: 'gone' };
      return unavailable(row, recipient) ?? { send: askMessage(state.request, state.ask.id, reminder) };
    },
  });

  const answered: OutboxKind = {
    name: FEEDBACK_KINDS.answered,
    maxLatenessMs: NOTICE_LATENESS_MS,
    async prepare(row, recipient) {
      const answer = await deps.views.received(row.teamId, text(row.payload, 'askId'));
      if (!answer) return { skip: 'gone' };
      return unavailable(row, recipient) ?? { send: answeredMessage(answer) };
    },
  };

  const summary: OutboxKind = {
    name: FEEDBACK_KINDS.summary,
    maxLatenessMs: NOTICE_LATENESS_MS,
    async prepare(row, recipient) {
      const result = await deps.views.summary(row.teamId, text(row.payload, 'requestId'));
      if (!result || result.request.userId !== row.userId) return { skip: 'gone' };
      if (result.counts.asked === 0) return { skip: 'nobody_asked' };
      return unavailable(row, recipient) ?? { send: summaryMessage(result) };
    },
  };

  const conversation: OutboxKind = {
    name: FEEDBACK_KINDS.conversation,
    maxLatenessMs: NOTICE_LATENESS_MS,
    async prepare(row, recipient) {
      const found = await deps.conversations.findConversation(
        row.teamId,
        text(row.payload, 'conversationId'),
      );
      if (!found) return { skip: 'gone' };
      if (found.heldAt) return { skip: 'held' };
      const role = text(row.payload, 'role') === 'manager' ? 'manager' : 'member';
      // The member named another manager since: this manager's nudge no longer applies.
      if (role === 'manager' && found.managerId !== row.userId) return { skip: 'manager_changed' };
      const label = periodLabel(found.period, await deps.conversations.cadence(row.teamId));
      return unavailable(row, recipient) ?? { send: conversationMessage(found, role, label) };
    },
  };

  const managerNamed: OutboxKind = {
    name: FEEDBACK_KINDS.managerNamed,
    maxLatenessMs: NOTICE_LATENESS_MS,
    async prepare(row, recipient) {
      const memberId = text(row.payload, 'memberId');
      if ((await deps.conversations.managerOf(row.teamId, memberId)) !== row.userId)
        return { skip: 'manager_changed' };
      return unavailable(row, recipient) ?? { send: managerNamedMessage(memberId) };
    },
  };

  return [
    ask(FEEDBACK_KINDS.ask, false),
    ask(FEEDBACK_KINDS.reminder, true),
    answered,
    summary,
    conversation,
    managerNamed,
  ];
}
