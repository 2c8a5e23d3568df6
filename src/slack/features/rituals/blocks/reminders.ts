import type { KnownBlock } from '@slack/types';
import type { RitualName } from '../../../../domain/rituals/ritual.ts';
import { REMINDER_ACTIONS, reminderValue } from '../ids.ts';

const PROMPTS: Record<RitualName, { text: string; doNow: string }> = {
  contribution: {
    text: ':seedling: *What did you contribute this month?* A feature, a bug fix, a hotfix with tests — log it and it goes into your impact portfolio.',
    doNow: 'Log a contribution',
  },
  'learning-hour': {
    text: ':books: *What did you learn this week?* Share a short learning summary.',
    doNow: 'Write my summary',
  },
  'design-review': {
    text: ':triangular_ruler: *Design review is coming up.* Get your design doc ready.',
    doNow: 'Open',
  },
};

/** The reminder DM: the ask, and the do-it-now / snooze / skip buttons (docs/product/rituals.md). */
export function reminderMessage(ritual: RitualName, deliveryId: string, round: number) {
  const value = reminderValue(deliveryId, round);
  const prompt = PROMPTS[ritual];
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
  return { text: prompt.text.replace(/[*:]/g, '').trim(), blocks };
}

/** What a reminder becomes once handled, so old buttons cannot be pressed again by mistake. */
export function reminderOutcome(text: string): { text: string; blocks: KnownBlock[] } {
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
