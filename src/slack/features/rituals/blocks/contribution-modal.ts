import type { KnownBlock, ModalView } from '@slack/types';
import {
  CONTRIBUTION_KIND_LABELS,
  CONTRIBUTION_KINDS,
  CONTRIBUTION_LIMITS,
} from '../../../../domain/portfolio/contribution.ts';
import { RITUAL_VIEWS } from '../ids.ts';

/** Block ids double as the field names DomainErrors carry, so errors land on the right input. */
export const CONTRIBUTION_FIELDS = { kind: 'kind', title: 'title', link: 'link', impact: 'impact' } as const;

/** "What did you contribute this month?" — kind, title, link, impact. */
export function contributionModal(deliveryId: string | null): ModalView {
  const blocks: KnownBlock[] = [
    {
      type: 'input',
      block_id: CONTRIBUTION_FIELDS.kind,
      label: { type: 'plain_text', text: 'What kind of contribution?' },
      element: {
        type: 'static_select',
        action_id: 'value',
        options: CONTRIBUTION_KINDS.map((k) => ({
          text: { type: 'plain_text', text: CONTRIBUTION_KIND_LABELS[k] },
          value: k,
        })),
      },
    },
    {
      type: 'input',
      block_id: CONTRIBUTION_FIELDS.title,
      label: { type: 'plain_text', text: 'Title' },
      element: { type: 'plain_text_input', action_id: 'value', max_length: CONTRIBUTION_LIMITS.title },
    },
    {
      type: 'input',
      block_id: CONTRIBUTION_FIELDS.link,
      optional: true,
      label: { type: 'plain_text', text: 'Link (PR, ticket, doc)' },
      element: { type: 'url_text_input', action_id: 'value' },
    },
    {
      type: 'input',
      block_id: CONTRIBUTION_FIELDS.impact,
      label: { type: 'plain_text', text: 'Impact, in a sentence or two' },
      element: {
        type: 'plain_text_input',
        action_id: 'value',
        multiline: true,
        max_length: CONTRIBUTION_LIMITS.impact,
      },
    },
  ];
  return {
    type: 'modal',
    callback_id: RITUAL_VIEWS.contribution,
    private_metadata: JSON.stringify({ deliveryId }),
    title: { type: 'plain_text', text: 'Log a contribution' },
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}
