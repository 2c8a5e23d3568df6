import type { ModalView } from '@slack/types';
import { TOPIC_MAX } from '../../../../domain/design-review/design-review.ts';
import { modal, textInput } from '../../../kit/blocks.ts';
import { DESIGN_REVIEW_VIEWS, TOPIC_FIELDS } from '../ids.ts';

/** The presenter sets (or changes) the session's topic. */
export function topicModal(occurrenceId: string, current: string | null): ModalView {
  return modal({
    callbackId: DESIGN_REVIEW_VIEWS.topic,
    title: 'Design review topic',
    submit: 'Save',
    metadata: { occurrenceId },
    blocks: [
      textInput(TOPIC_FIELDS.topic, 'What will you present?', {
        initial: current,
        maxLength: TOPIC_MAX,
        placeholder: 'e.g. Moving the outbox to logical replication',
        hint: 'Shown in the session post in the channel.',
      }),
    ],
  });
}
