import type { KnownBlock } from '@slack/types';
import { plain } from '../../../kit/blocks.ts';
import { RITUAL_ACTIONS } from '../ids.ts';

/** One ritual as the member sees it in App Home. */
export interface HomeRitualLine {
  name: string;
  title: string;
  /** "Thu 3 Dec, 17:00" in the member's zone, or why there is none. */
  next: string;
  status?: string | undefined;
  button?: { actionId: string; text: string } | undefined;
}

/**
 * App Home's rituals section: each active ritual's next time in the member's own zone and their
 * part in it (contributed this week or month), with its button; then the member's own switches,
 * paused or not and out-of-office dates, with pause / resume.
 */
export function ritualsHomeBlocks(args: {
  rituals: readonly HomeRitualLine[];
  tz: string;
  pausedUntil: string | null;
  ooo: ReadonlyArray<{ from: string; to: string }>;
}): KnownBlock[] {
  const blocks: KnownBlock[] = [{ type: 'header', text: plain('Rituals', 150) }];
  if (args.rituals.length === 0) {
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: 'No ritual is set up yet. An admin starts one with `/careerplan ritual setup`.',
      },
    });
  }
  for (const r of args.rituals) {
    const text = `*${r.title}* — next ${r.next}${r.status ? `\n${r.status}` : ''}`;
    blocks.push({
      type: 'section',
      block_id: `ritual_home_${r.name}`,
      text: { type: 'mrkdwn', text: text.slice(0, 3000) },
      ...(r.button
        ? {
            accessory: {
              type: 'button',
              action_id: r.button.actionId,
              text: plain(r.button.text),
            },
          }
        : {}),
    });
  }
  const paused =
    args.pausedUntil === null
      ? ':bell: Your reminders are on.'
      : args.pausedUntil === 'forever'
        ? ':zzz: Your reminders are paused until you resume them.'
        : `:zzz: Your reminders are paused through ${args.pausedUntil}.`;
  const away = args.ooo.length
    ? ` Out of office: ${args.ooo
        .slice(0, 3)
        .map((r) => (r.from === r.to ? r.from : `${r.from} – ${r.to}`))
        .join(', ')}.`
    : '';
  blocks.push(
    {
      type: 'section',
      block_id: 'ritual_home_switches',
      text: { type: 'mrkdwn', text: `${paused}${away} Times are in your zone (${args.tz}).` },
      accessory:
        args.pausedUntil === null
          ? { type: 'button', action_id: RITUAL_ACTIONS.pauseFromHome, text: plain('Pause reminders') }
          : {
              type: 'button',
              action_id: RITUAL_ACTIONS.resumeFromHome,
              text: plain('Resume reminders'),
              style: 'primary',
            },
    },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: 'Away for a while? `/careerplan ooo 2026-12-20 2027-01-03` skips those days.',
        },
      ],
    },
  );
  return blocks;
}
