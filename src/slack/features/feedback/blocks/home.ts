import type { KnownBlock } from '@slack/types';
import type { FeedbackConversation } from '../../../../domain/feedback/conversation.ts';
import type { FeedbackHome } from '../../../../domain/feedback/feedback-views.ts';
import { context, header, line, mrkdwn, plain, section } from '../../../kit/blocks.ts';
import { FEEDBACK_ACTIONS } from '../ids.ts';
import { answerBody, authorText, day, who } from './format.ts';

/**
 * The feedback part of App Home: asks waiting for the member (with Answer / Decline), their open
 * requests with how many answered, the latest answers they received (anonymous ones without an
 * author), and their manager and feedback conversation.
 */
export function feedbackHomeBlocks(input: {
  home: FeedbackHome;
  conversation: {
    own: FeedbackConversation | null;
    asManager: FeedbackConversation[];
    managerId: string | null;
  };
}): KnownBlock[] {
  const { home, conversation } = input;
  const blocks: KnownBlock[] = [
    header('Feedback'),
    {
      type: 'section',
      text: mrkdwn('Ask the people you work with one specific question; answers land here.'),
      accessory: {
        type: 'button',
        action_id: FEEDBACK_ACTIONS.openRequest,
        text: plain('Ask for feedback'),
        style: 'primary',
      },
    },
  ];

  if (home.waiting.length > 0) blocks.push(section('*Waiting for your answer*'));
  for (const { askId, request } of home.waiting) {
    const what = request.origin === 'review' ? 'design review feedback' : `"${line(request.question, 200)}"`;
    blocks.push({
      type: 'section',
      block_id: `feedback_waiting_${askId}`,
      text: mrkdwn(`${who(request.userId)} asks: ${what} · due ${day(request.dueDate)}`),
    });
    blocks.push({
      type: 'actions',
      block_id: `feedback_waiting_actions_${askId}`,
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
    });
  }

  if (home.open.length > 0) {
    const lines = home.open.map(
      ({ request, counts }) =>
        `• ${request.origin === 'review' ? 'Design review feedback' : `"${line(request.question, 150)}"`} — ${counts.answered} of ${counts.asked} answered${counts.declined ? `, ${counts.declined} declined` : ''} · closes ${day(request.dueDate)}${request.anonymous ? ' · anonymous' : ''}`,
    );
    blocks.push(section(`*Your open requests*\n${lines.join('\n')}`));
  }

  if (home.received.length > 0) blocks.push(section('*Answers you received*'));
  home.received.forEach((answer, i) => {
    const about = answer.origin === 'review' ? 'your design review' : `"${line(answer.question, 150)}"`;
    blocks.push({
      type: 'section',
      block_id: `feedback_received_${i}`,
      text: mrkdwn(`${authorText(answer)} on ${about}:\n${answerBody(answer)}`),
    });
  });

  blocks.push(...conversationBlocks(conversation));
  return blocks;
}

function conversationBlocks(c: {
  own: FeedbackConversation | null;
  asManager: FeedbackConversation[];
  managerId: string | null;
}): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  const manager = c.managerId
    ? `Your manager: ${who(c.managerId)}.`
    : 'Name your manager with `/careerplan manager @name` for feedback conversations.';
  const own = c.own;
  if (own && own.heldAt === null && own.managerId) {
    const mine = own.memberConfirmedAt ? ' You confirmed it; waiting for them.' : '';
    blocks.push({
      type: 'section',
      block_id: `feedback_conversation_home_${own.id}`,
      text: mrkdwn(`${manager} Your feedback conversation with ${who(own.managerId)} is due.${mine}`),
      ...(own.memberConfirmedAt ? {} : { accessory: heldButton(own.id) }),
    });
  } else {
    const held = own?.heldAt ? ' Your latest feedback conversation is done. :white_check_mark:' : '';
    blocks.push(context(`${manager}${held}`));
  }
  for (const report of c.asManager.slice(0, 3)) {
    const mine = report.managerConfirmedAt ? ' You confirmed it; waiting for them.' : '';
    blocks.push({
      type: 'section',
      block_id: `feedback_conversation_report_${report.id}`,
      text: mrkdwn(`Feedback conversation with ${who(report.userId)} is due.${mine}`),
      ...(report.managerConfirmedAt ? {} : { accessory: heldButton(report.id) }),
    });
  }
  return blocks;
}

function heldButton(conversationId: string) {
  return {
    type: 'button' as const,
    action_id: FEEDBACK_ACTIONS.conversationHeld,
    text: plain('We had it'),
    value: conversationId,
  };
}
