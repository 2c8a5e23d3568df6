import type { ModalView } from '@slack/types';
import type { HelpEntry } from '../../../kit/feature.ts';
import { helpMessage } from './help.ts';

/** The help list in a modal, for the Home tab's help button (Home cannot show ephemeral messages). */
export function helpModal(entries: readonly HelpEntry[]): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: 'careerplan help' },
    close: { type: 'plain_text', text: 'Close' },
    blocks: helpMessage(entries).blocks,
  };
}
