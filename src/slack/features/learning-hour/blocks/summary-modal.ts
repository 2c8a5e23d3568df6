import type { ModalView } from '@slack/types';
import { SUMMARY_LIMITS } from '../../../../domain/learning-hour/summary.ts';
import { context, modal, textInput } from '../../../kit/blocks.ts';
import { LEARNING_HOUR_VIEWS, SUMMARY_FIELDS } from '../ids.ts';

/**
 * "What did you learn this week?" — the text and an optional link. `from` remembers the reminder
 * or the thread it was opened from, so the summary joins that week.
 */
export function summaryModal(from: { reminderId?: string; weekId?: string } = {}): ModalView {
  return modal({
    callbackId: LEARNING_HOUR_VIEWS.summary,
    title: 'Learning summary',
    submit: 'Post',
    metadata: { reminderId: from.reminderId ?? null, weekId: from.weekId ?? null },
    blocks: [
      textInput(SUMMARY_FIELDS.text, 'What did you learn this week?', {
        multiline: true,
        maxLength: SUMMARY_LIMITS.body,
        placeholder: 'A few sentences: what you learned and why it matters.',
      }),
      {
        type: 'input',
        block_id: SUMMARY_FIELDS.link,
        optional: true,
        label: { type: 'plain_text', text: 'Link (article, PR, talk)' },
        element: { type: 'url_text_input', action_id: SUMMARY_FIELDS.link },
      },
      context("It is posted in this week's learning-hour thread under your name and goes into the digest."),
    ],
  });
}
