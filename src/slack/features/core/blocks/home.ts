import type { HomeView, KnownBlock } from '@slack/types';
import type { QuickStartStatus } from '../../../../domain/quick-start/quick-start.ts';
import type { Member } from '../../../../domain/workspaces/workspace.ts';
import { memberName } from '../../../../domain/workspaces/workspace.ts';
import { context, esc, header, plain, section } from '../../../kit/blocks.ts';
import { ACTIONS } from '../ids.ts';

/** Slack's limit on the blocks of one view. */
export const HOME_BLOCK_BUDGET = 100;

/** Formats `now` in the member's zone, e.g. "Fri 27 Nov, 17:06 (America/New_York)". */
function localTimeLine(member: Member, tz: string, now: Date): string {
  const text = new Intl.DateTimeFormat('en-GB', {
    timeZone: tz,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(now);
  const fallback = member.tz ? '' : ' — the team’s default, since Slack has not told us yours yet';
  return `Your local time is *${text}* (${tz}${fallback}); reminders arrive at your own local time.`;
}

/** The top of App Home: welcome, the member's local time, and help. */
export function homeHeader(member: Member, tz: string, now: Date): KnownBlock[] {
  return [
    {
      type: 'header',
      text: { type: 'plain_text', text: `Welcome to careerplan, ${memberName(member)}`.slice(0, 150) },
    },
    section(
      'Keep your career plan here: a north star, 12-month milestones, quarterly OKRs, skills and a learning sprint — and the team’s learning rituals.',
    ),
    context(localTimeLine(member, tz, now)),
    {
      type: 'actions',
      block_id: 'home_help',
      elements: [
        { type: 'button', action_id: ACTIONS.showHelp, text: plain('What can I do?'), style: 'primary' },
      ],
    },
  ];
}

/**
 * The whole Home tab: the header, then each feature's section in order with a divider before it.
 * A section that would take the view past Slack's 100 blocks is left out, and a last line says
 * so, so one feature can never make the whole tab fail to publish.
 */
export function homeView(top: KnownBlock[], sections: ReadonlyArray<KnownBlock[]>): HomeView {
  const blocks = [...top];
  let left = 0;
  for (const part of sections) {
    if (part.length === 0) continue;
    if (blocks.length + 1 + part.length > HOME_BLOCK_BUDGET - 1) {
      left++;
      continue;
    }
    blocks.push({ type: 'divider' }, ...part);
  }
  if (left > 0) {
    blocks.push(
      context(
        `${left} more section${left > 1 ? 's' : ''} did not fit here; \`/careerplan help\` lists every command.`,
      ),
    );
  }
  return { type: 'home', blocks };
}

/** The quick-start checklist section. */
export function quickStartBlocks(qs: QuickStartStatus): KnownBlock[] {
  if (qs.total === 0) return [];
  if (qs.complete) {
    return [header('Quick start'), section(':tada: Every quick-start step is done. Keep your plan moving!')];
  }
  const lines = qs.items.map((item) =>
    item.done
      ? `:white_check_mark: ~${esc(item.label)}~`
      : `:white_large_square: *${esc(item.label)}* — ${esc(item.hint)} \`${esc(item.command)}\``,
  );
  return [header(`Quick start · ${qs.doneCount}/${qs.total} done`), section(lines.join('\n'))];
}
