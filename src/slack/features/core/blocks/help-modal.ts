import type { ModalView } from '@slack/types';
import { helpMessage } from './help.ts';

/** The help list in a modal, for the Home tab's help button (Home cannot show ephemeral messages). */
export function helpModal(available: ReadonlySet<string>): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: 'careerplan help' },
    close: { type: 'plain_text', text: 'Close' },
    blocks: helpMessage(available).blocks,
  };
}
