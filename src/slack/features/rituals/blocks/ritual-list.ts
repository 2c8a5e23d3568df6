import type { KnownBlock } from '@slack/types';
import { describeSchedule, type Ritual } from '../../../../domain/rituals/ritual.ts';
import type { RitualTypes } from '../../../../domain/rituals/ritual-types.ts';

/** `/careerplan ritual list`: each ritual's channel, schedule and state. */
export function ritualListMessage(
  rituals: readonly Ritual[],
  teamTz: string,
  types: RitualTypes,
): { text: string; blocks: KnownBlock[] } {
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: 'Team rituals' } }];
  for (const ritual of rituals) {
    const definition = types.get(ritual.name);
    if (!definition) continue;
    const channel = ritual.channelId ? `<#${ritual.channelId}>` : '_no channel yet_';
    const state = ritual.paused
      ? ':double_vertical_bar: paused'
      : (types.whyNotRunnable(ritual) ?? ':white_check_mark: active');
    const who = ritual.audience === 'dm' ? "each member's own local time" : (ritual.timeZone ?? teamTz);
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*${definition.title}* (\`${ritual.name}\`) — ${definition.description}\n${channel} · ${describeSchedule(ritual.cadence, ritual.localTime)} (${who})\n${state}`,
      },
    });
  }
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: 'Admins: `/careerplan ritual setup <name>`, `ritual run <name>`, `ritual status <name>`, `ritual digest learning-hour`, `ritual pause <name>`, `ritual resume <name>`.',
      },
    ],
  });
  return { text: 'Team rituals', blocks };
}
