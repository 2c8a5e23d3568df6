import type { KnownBlock } from '@slack/types';
import { REMINDER_ACTIONS, reminderValue } from '../ids.ts';

/** The reminder DM: the ask, and the do-it-now / snooze / skip buttons (docs/product/rituals.md). */
export function reminderMessage(prompt: { text: string; doNow: string }, rowId: string, round: number) {
  const value = reminderValue(rowId, round);
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: prompt.text } },
    {
      type: 'actions',
      block_id: 'reminder_actions',
      elements: [
        {
          type: 'button',
          action_id: REMINDER_ACTIONS.doNow,
          text: { type: 'plain_text', text: prompt.doNow },
          style: 'primary',
          value,
        },
        {
          type: 'button',
          action_id: REMINDER_ACTIONS.snoozeHour,
          text: { type: 'plain_text', text: 'Snooze 1 hour' },
          value,
        },
        {
          type: 'button',
          action_id: REMINDER_ACTIONS.snoozeTomorrow,
          text: { type: 'plain_text', text: 'Tomorrow' },
          value,
        },
        {
          type: 'button',
          action_id: REMINDER_ACTIONS.skip,
          text: { type: 'plain_text', text: 'Skip this time' },
          value,
        },
      ],
    },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: 'Pause all reminders with `/careerplan pause`, or `/careerplan ooo <from> <to>` when away.',
        },
      ],
    },
  ];
  return { text: notificationText(prompt.text), blocks };
}

/** What a reminder becomes once handled, so old buttons cannot be pressed again by mistake. */
export function reminderOutcome(text: string): { text: string; blocks: KnownBlock[] } {
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

/**
 * The notification's plain text: the prompt without emoji codes and bold markers, so a phone
 * shows "What did you contribute this month? …", not "seedling What did you…".
 */
export function notificationText(mrkdwn: string): string {
  return mrkdwn
    .replace(/:[a-z0-9_+-]+:/gi, '')
    .replace(/[*_~]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
