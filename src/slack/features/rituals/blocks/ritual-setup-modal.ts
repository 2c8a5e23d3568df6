import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import {
  CADENCE_FIELDS,
  COMMON_TIME_ZONES,
  FREQUENCIES,
  formFromCadence,
  NTH_NAMES,
  WEEKDAY_NAMES,
} from '../../../../domain/rituals/cadence-form.ts';
import type { Ritual } from '../../../../domain/rituals/ritual.ts';
import type { RitualType } from '../../../../domain/rituals/ritual-types.ts';
import { formatTime } from '../../../../domain/schedules/index.ts';
import { option, selectInput } from '../../../kit/blocks.ts';
import { RITUAL_VIEWS } from '../ids.ts';

export const SETUP_FIELDS = {
  channel: 'channel',
  ...CADENCE_FIELDS,
  time: 'time',
  timeZone: 'time_zone',
  intro: 'intro',
} as const;

/** The zone picker's value for "the team's default zone" (stored as no zone of its own). */
export const TEAM_ZONE = 'team';

function zoneOptions(teamZone: string, current: string | null): PlainTextOption[] {
  const zones = [...COMMON_TIME_ZONES] as string[];
  if (current && !zones.includes(current)) zones.unshift(current);
  return [
    option(`Team default (${teamZone})`, TEAM_ZONE),
    ...zones.map((z) => option(z.replace(/_/g, ' '), z)),
  ];
}

/**
 * Admin modal: the ritual's channel (its people), the schedule with Block Kit's own pickers (how
 * often, weekday, week or day of the month, first session of a fortnightly one), the time with a
 * timepicker, the channel's zone from a list with the team's default first, and whether to
 * introduce the ritual in its channel.
 */
export function ritualSetupModal(ritual: Ritual, definition: RitualType, teamZone: string): ModalView {
  const form = formFromCadence(ritual.cadence);
  const weekdays = WEEKDAY_NAMES.map((name, i) => option(name, String(i + 1)));
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `*${definition.title}* — ${definition.description}.` } },
    {
      type: 'input',
      block_id: SETUP_FIELDS.channel,
      label: { type: 'plain_text', text: 'Channel (its members are the ritual’s people)' },
      element: {
        type: 'conversations_select',
        action_id: SETUP_FIELDS.channel,
        filter: { include: ['public', 'private'], exclude_bot_users: true },
        ...(ritual.channelId ? { initial_conversation: ritual.channelId } : {}),
      },
    },
    selectInput(
      SETUP_FIELDS.frequency,
      'How often',
      Object.entries(FREQUENCIES).map(([value, label]) => option(label, value)),
      { initial: form.frequency },
    ),
    selectInput(SETUP_FIELDS.weekday, 'Weekday', weekdays, {
      initial:
        form.weekday ??
        String(
          definition.cadence.kind === 'weekly' || definition.cadence.kind === 'biweekly'
            ? definition.cadence.weekday
            : 1,
        ),
      optional: true,
      hint: 'For weekly, every-other-week and weekday-of-the-month schedules.',
    }),
    selectInput(
      SETUP_FIELDS.nth,
      'Which week of the month',
      Object.entries(NTH_NAMES).map(([value, label]) => option(label, value)),
      {
        initial: form.nth ?? null,
        optional: true,
        hint: 'For a weekday of the month, e.g. the last Friday.',
      },
    ),
    selectInput(
      SETUP_FIELDS.day,
      'Day of the month',
      Array.from({ length: 31 }, (_, i) => option(String(i + 1), String(i + 1))),
      { initial: form.day ?? null, optional: true, hint: 'A day a month does not have means its last day.' },
    ),
    {
      type: 'input',
      block_id: SETUP_FIELDS.anchor,
      optional: true,
      label: { type: 'plain_text', text: 'First session (every other week)' },
      hint: { type: 'plain_text', text: 'Any day in the week of the first session; empty means this week.' },
      element: {
        type: 'datepicker',
        action_id: SETUP_FIELDS.anchor,
        ...(form.anchor ? { initial_date: form.anchor } : {}),
      },
    },
    {
      type: 'input',
      block_id: SETUP_FIELDS.time,
      label: { type: 'plain_text', text: 'Time' },
      hint: {
        type: 'plain_text',
        text:
          ritual.audience === 'dm'
            ? 'Each member gets it at this time in their own time zone.'
            : 'Posted at this time in the channel’s time zone.',
      },
      element: {
        type: 'timepicker',
        action_id: SETUP_FIELDS.time,
        initial_time: formatTime(ritual.localTime),
      },
    },
  ];
  if (ritual.audience === 'channel') {
    blocks.push(
      selectInput(SETUP_FIELDS.timeZone, 'Channel time zone', zoneOptions(teamZone, ritual.timeZone), {
        initial: ritual.timeZone ?? TEAM_ZONE,
      }),
    );
  }
  const introOption = option('Post a short introduction in the channel', 'post');
  blocks.push(
    {
      type: 'input',
      block_id: SETUP_FIELDS.intro,
      optional: true,
      label: { type: 'plain_text', text: 'Introduction' },
      element: {
        type: 'checkboxes',
        action_id: SETUP_FIELDS.intro,
        options: [introOption],
        initial_options: [introOption],
      },
    },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: 'careerplan joins a public channel by itself. For a *private* channel, invite it first: type `/invite @careerplan` in the channel, then save.',
        },
      ],
    },
  );
  return {
    type: 'modal',
    callback_id: RITUAL_VIEWS.ritualSetup,
    private_metadata: JSON.stringify({ name: ritual.name }),
    title: { type: 'plain_text', text: 'Set up a ritual' },
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}
