import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { TeamCalendar } from '../../../../domain/schedules/index.ts';
import { RITUAL_VIEWS } from '../ids.ts';

export const TEAM_FIELDS = { workWeek: 'work_week', timeZone: 'time_zone', holidays: 'holidays' } as const;

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Admin modal: work days, default time zone, holidays (one `YYYY-MM-DD name` per line). */
export function teamModal(calendar: TeamCalendar, holidayNames: ReadonlyMap<string, string>): ModalView {
  const options: PlainTextOption[] = DAY_NAMES.map((name, i) => ({
    text: { type: 'plain_text', text: name },
    value: String(i + 1),
  }));
  const initial = options.filter((o) => calendar.workWeek.some((d) => String(d) === o.value));
  const holidays = calendar.holidays.map((d) => `${d} ${holidayNames.get(d) ?? ''}`.trim()).join('\n');
  const blocks: KnownBlock[] = [
    {
      type: 'input',
      block_id: TEAM_FIELDS.workWeek,
      label: { type: 'plain_text', text: 'Work days' },
      element: {
        type: 'checkboxes',
        action_id: 'value',
        options,
        ...(initial.length ? { initial_options: initial } : {}),
      },
    },
    {
      type: 'input',
      block_id: TEAM_FIELDS.timeZone,
      label: { type: 'plain_text', text: 'Default time zone (IANA)' },
      hint: {
        type: 'plain_text',
        text: 'Used for channel posts and for members whose Slack profile has no time zone.',
      },
      element: {
        type: 'plain_text_input',
        action_id: 'value',
        initial_value: calendar.timeZone,
        max_length: 64,
      },
    },
    {
      type: 'input',
      block_id: TEAM_FIELDS.holidays,
      optional: true,
      label: { type: 'plain_text', text: 'Holidays (no reminders)' },
      hint: { type: 'plain_text', text: 'One per line: 2026-12-25 Christmas Day' },
      element: {
        type: 'plain_text_input',
        action_id: 'value',
        multiline: true,
        max_length: 3000,
        ...(holidays ? { initial_value: holidays } : {}),
      },
    },
  ];
  return {
    type: 'modal',
    callback_id: RITUAL_VIEWS.teamSettings,
    title: { type: 'plain_text', text: 'Team calendar' },
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}
