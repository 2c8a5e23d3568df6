import type { KnownBlock } from '@slack/types';
import type { Session } from '../../../../domain/design-review/design-review.ts';
import type { RenderedMessage } from '../../../../slack-api/outbox-messages.ts';
import { md } from '../../../kit/blocks.ts';
import { DESIGN_REVIEW_ACTIONS } from '../ids.ts';
import { whenText } from './when.ts';

/** The session in the channel: when, who presents, the topic, and "I'm attending". */
export function sessionPost(session: Session, presenter: string | undefined, zone: string): RenderedMessage {
  const who = presenter
    ? md`Presenter: *${presenter}*`
    : 'No presenter this time: nobody in the rotation was available. `/careerplan review join` to present next time.';
  const topic = session.topic ? md`Topic: _${session.topic}_` : 'Topic: to be announced by the presenter.';
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `:triangular_ruler: *Design review* — ${whenText(session.startsAt, zone)}\n${who}\n${topic}`,
      },
    },
    {
      type: 'actions',
      block_id: 'design_review_session',
      elements: [
        {
          type: 'button',
          action_id: DESIGN_REVIEW_ACTIONS.attend,
          text: { type: 'plain_text', text: "I'm attending" },
          style: 'primary',
          value: session.occurrenceId,
        },
      ],
    },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: 'Presenters take turns: join the rotation with `/careerplan review join`; `/careerplan review` shows who is next.',
        },
      ],
    },
  ];
  return {
    text: `Design review ${session.date}: ${presenter ? `${presenter} presents` : 'no presenter this time'}.`,
    blocks,
  };
}
