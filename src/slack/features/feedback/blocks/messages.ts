import type { KnownBlock } from '@slack/types';
import type { FeedbackConversation } from '../../../../domain/feedback/conversation.ts';
import type { FeedbackRequest, ReceivedAnswer } from '../../../../domain/feedback/feedback.ts';
import type { RequestSummary } from '../../../../domain/feedback/feedback-views.ts';
import type { RenderedMessage } from '../../../../slack-api/outbox-messages.ts';
import { context, plain, section } from '../../../kit/blocks.ts';
import { FEEDBACK_ACTIONS } from '../ids.ts';
import { aboutText, answerBody, authorText, day, quote, who } from './format.ts';

/**
 * The DMs feedback sends, rendered by its outbox kinds at send time. Nothing here names the
 * author of an anonymous answer: answers come in as {@link ReceivedAnswer}, summaries with the
 * names already removed.
 */

function askButtons(askId: string): KnownBlock {
  return {
    type: 'actions',
    block_id: `feedback_ask_${askId}`,
    elements: [
      {
        type: 'button',
        action_id: FEEDBACK_ACTIONS.answer,
        text: plain('Answer'),
        style: 'primary',
        value: askId,
      },
      { type: 'button', action_id: FEEDBACK_ACTIONS.decline, text: plain('Decline'), value: askId },
    ],
  };
}

/** What the person asked sees about the request: who asks, what, until when, anonymity. */
export function askIntro(request: FeedbackRequest): string {
  if (request.origin === 'review') {
    return `:speech_balloon: ${who(request.userId)} presented at the design review. What worked, and what is one concrete thing to improve?`;
  }
  const about = request.about ? `\nIt is about ${aboutText(request.about)}.` : '';
  return `:speech_balloon: ${who(request.userId)} asks for your feedback:\n${quote(request.question, 600)}${about}`;
}

export function askFooter(request: FeedbackRequest): string {
  const privacy = request.anonymous
    ? 'Your answer is anonymous: your name is never shown with it.'
    : 'Your name is shown with your answer.';
  return `Please answer by ${day(request.dueDate)}. ${privacy}`;
}

/** The ask, or its one gentle reminder, with Answer and Decline. */
export function askMessage(request: FeedbackRequest, askId: string, reminder: boolean): RenderedMessage {
  const intro = askIntro(request);
  const text = reminder ? `A gentle reminder — ${intro}` : intro;
  return {
    text: reminder
      ? `Reminder: ${request.origin === 'review' ? 'design review feedback' : 'a feedback question'} is waiting for you`
      : request.origin === 'review'
        ? 'Feedback for the design review presenter'
        : 'Someone asks for your feedback',
    blocks: [section(text), context(askFooter(request)), askButtons(askId)],
  };
}

/** To the requester: an answer arrived (with its author only when not anonymous). */
export function answeredMessage(answer: ReceivedAnswer): RenderedMessage {
  const heading =
    answer.origin === 'review'
      ? `:mailbox_with_mail: ${authorText(answer)} sent feedback on your design review:`
      : `:mailbox_with_mail: ${authorText(answer)} answered your question:\n${quote(answer.question, 300)}`;
  return {
    text: 'An answer to your feedback request arrived',
    blocks: [
      section(heading),
      section(answerBody(answer)),
      context('Every answer is in your careerplan App Home.'),
    ],
  };
}

function names(ids: readonly string[]): string {
  return ids.length ? ids.map(who).join(', ') : 'nobody';
}

/** To the requester at the close: answered, declined, no answer (counts only when anonymous). */
export function summaryMessage(summary: RequestSummary): RenderedMessage {
  const { request, counts } = summary;
  const title =
    request.origin === 'review' ? 'Your design review feedback is closed' : 'Your feedback request is closed';
  const lines = [
    `:bar_chart: *${title}.* ${quote(request.question, 300)}`,
    `*${counts.answered}* answered · *${counts.declined}* declined · *${counts.waiting}* no answer (of ${counts.asked} asked)`,
  ];
  if (summary.answeredBy) lines.push(`Answered: ${names(summary.answeredBy)}`);
  if (summary.noAnswer?.length) lines.push(`No answer: ${names(summary.noAnswer)}`);
  for (const d of summary.declined) {
    const reason = d.reason ? ` — ${quote(d.reason, 300).replace(/^> /, '')}` : '';
    lines.push(`Declined${d.userId ? ` by ${who(d.userId)}` : ''}${reason}`);
  }
  const footer = request.anonymous
    ? 'Answers were anonymous, so nobody is named. Read them in your careerplan App Home.'
    : 'Read every answer in your careerplan App Home.';
  return { text: title, blocks: [section(lines.join('\n')), context(footer)] };
}

function heldButton(conversationId: string): KnownBlock {
  return {
    type: 'actions',
    block_id: `feedback_conversation_${conversationId}`,
    elements: [
      {
        type: 'button',
        action_id: FEEDBACK_ACTIONS.conversationHeld,
        text: plain('We had it'),
        style: 'primary',
        value: conversationId,
      },
    ],
  };
}

/** The periodic nudge: to the member (with or without a manager named) or to their manager. */
export function conversationMessage(
  conversation: FeedbackConversation,
  role: 'member' | 'manager',
  period: string,
): RenderedMessage {
  if (role === 'manager') {
    const text = `:handshake: Time for ${period}'s feedback conversation with ${who(conversation.userId)}, who named you as their manager. Book half an hour to talk about how it went and what comes next.`;
    return {
      text: 'Time for a feedback conversation',
      blocks: [
        section(text),
        context('Once you have had it, press the button; it counts when you both confirm.'),
        heldButton(conversation.id),
      ],
    };
  }
  if (!conversation.managerId) {
    const text = `:handshake: Time for ${period}'s feedback conversation with your manager. Tell careerplan who they are with \`/careerplan manager @name\` and they get a matching nudge.`;
    return { text: 'Time for a feedback conversation', blocks: [section(text)] };
  }
  const text = `:handshake: Time for ${period}'s feedback conversation with ${who(conversation.managerId)}. Book half an hour: bring the feedback you received and what you want to grow in next.`;
  return {
    text: 'Time for a feedback conversation',
    blocks: [
      section(text),
      context('Once you have had it, press the button; it counts when you both confirm.'),
      heldButton(conversation.id),
    ],
  };
}

/** To a manager: a member named them. */
export function managerNamedMessage(memberId: string): RenderedMessage {
  return {
    text: 'Someone named you as their manager',
    blocks: [
      section(
        `:wave: ${who(memberId)} named you as their manager in careerplan. You will both get a nudge when it is time for a feedback conversation.`,
      ),
    ],
  };
}
