import type { KnownBlock } from '@slack/types';
import type { Session } from '../../../../domain/design-review/design-review.ts';
import type { RenderedMessage } from '../../../../slack-api/outbox-messages.ts';
import { md } from '../../../kit/blocks.ts';
import { DESIGN_REVIEW_ACTIONS } from '../ids.ts';
import { whenText } from './when.ts';

/** The presenter's DM, a few work days ahead: when, the topic, set it or ask to swap. */
export function presenterDm(
  session: Session,
  zone: string,
  readerTz: string | null,
  next: string | undefined,
): RenderedMessage {
  const topic = session.topic
    ? md`Topic so far: _${session.topic}_`
    : 'No topic yet: set one so people know what to read.';
  const elements: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `:triangular_ruler: *You present at the design review* on ${whenText(session.startsAt, zone, readerTz)}.\n${topic}`,
      },
    },
    {
      type: 'actions',
      block_id: 'design_review_presenter',
      elements: [
        {
          type: 'button',
          action_id: DESIGN_REVIEW_ACTIONS.setTopic,
          text: { type: 'plain_text', text: 'Set the topic' },
          style: 'primary',
          value: session.occurrenceId,
        },
        {
          type: 'button',
          action_id: DESIGN_REVIEW_ACTIONS.askSwap,
          text: { type: 'plain_text', text: next ? `Ask ${next.slice(0, 40)} to swap` : 'Ask to swap' },
          value: session.occurrenceId,
        },
      ],
    },
    {
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: 'A swap needs the other person to accept; until then you present.' },
      ],
    },
  ];
  return { text: `You present at the design review on ${session.date}.`, blocks: elements };
}

/** The request to the next person in the rotation: take the session, or not. */
export function swapAskDm(
  session: Session,
  zone: string,
  readerTz: string | null,
  from: string,
  swapId: string,
): RenderedMessage {
  return {
    text: `${from} asks you to present at the design review on ${session.date} instead of them.`,
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: md`:arrows_counterclockwise: *${from}* asks you to present at the design review on ${whenText(session.startsAt, zone, readerTz)} instead of them.`,
        },
      },
      {
        type: 'actions',
        block_id: 'design_review_swap',
        elements: [
          {
            type: 'button',
            action_id: DESIGN_REVIEW_ACTIONS.acceptSwap,
            text: { type: 'plain_text', text: 'Accept' },
            style: 'primary',
            value: swapId,
          },
          {
            type: 'button',
            action_id: DESIGN_REVIEW_ACTIONS.declineSwap,
            text: { type: 'plain_text', text: 'Decline' },
            value: swapId,
          },
        ],
      },
    ],
  };
}

/** What the asker hears back. */
export function swapResultDm(accepted: boolean, other: string, date: string): RenderedMessage {
  const text = accepted
    ? md`:white_check_mark: *${other}* accepted: they present at the design review of ${date} instead of you.`
    : md`:no_entry_sign: *${other}* cannot take the design review of ${date}, so you still present.`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

/** What a handled DM becomes, so its buttons cannot be pressed again. */
export function settled(text: string): { text: string; blocks: KnownBlock[] } {
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
