import type { KnownBlock, ModalView } from '@slack/types';
import { CADENCE_EXAMPLES, cadenceToText } from '../../../../domain/rituals/cadence-text.ts';
import type { Ritual } from '../../../../domain/rituals/ritual.ts';
import type { RitualType } from '../../../../domain/rituals/ritual-types.ts';
import { formatTime } from '../../../../domain/schedules/index.ts';
import { RITUAL_VIEWS } from '../ids.ts';

export const SETUP_FIELDS = {
  channel: 'channel',
  cadence: 'cadence',
  time: 'time',
  timeZone: 'time_zone',
} as const;

/** Admin modal: the ritual's channel (its people), schedule, local time and channel time zone. */
export function ritualSetupModal(ritual: Ritual, definition: RitualType): ModalView {
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `*${definition.title}* — ${definition.description}.` } },
    {
      type: 'input',
      block_id: SETUP_FIELDS.channel,
      label: { type: 'plain_text', text: 'Channel (its members are the ritual’s people)' },
      element: {
        type: 'conversations_select',
        action_id: 'value',
        filter: { include: ['public', 'private'], exclude_bot_users: true },
        ...(ritual.channelId ? { initial_conversation: ritual.channelId } : {}),
      },
    },
    {
      type: 'input',
      block_id: SETUP_FIELDS.cadence,
      label: { type: 'plain_text', text: 'Schedule' },
      hint: { type: 'plain_text', text: `For example: ${CADENCE_EXAMPLES.join(' · ')}` },
      element: {
        type: 'plain_text_input',
        action_id: 'value',
        initial_value: cadenceToText(ritual.cadence),
        max_length: 60,
      },
    },
    {
      type: 'input',
      block_id: SETUP_FIELDS.time,
      label: { type: 'plain_text', text: 'Local time (24h, HH:MM)' },
      hint: {
        type: 'plain_text',
        text:
          ritual.audience === 'dm'
            ? 'Each member gets it at this time in their own time zone.'
            : 'Posted at this time in the channel’s time zone.',
      },
      element: {
        type: 'plain_text_input',
        action_id: 'value',
        initial_value: formatTime(ritual.localTime),
        max_length: 5,
      },
    },
    {
      type: 'input',
      block_id: SETUP_FIELDS.timeZone,
      optional: true,
      label: { type: 'plain_text', text: 'Channel time zone (IANA, e.g. Europe/Berlin)' },
      hint: { type: 'plain_text', text: 'Leave empty to use the team’s default time zone.' },
      element: {
        type: 'plain_text_input',
        action_id: 'value',
        max_length: 64,
        ...(ritual.timeZone ? { initial_value: ritual.timeZone } : {}),
      },
    },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: 'Invite the careerplan bot to the channel so it can read its members and post there.',
        },
      ],
    },
  ];
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
