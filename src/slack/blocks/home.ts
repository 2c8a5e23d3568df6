import type { HomeView, KnownBlock } from '@slack/types';
import type { Member } from '../../domain/workspaces/workspace.ts';
import { memberName } from '../../domain/workspaces/workspace.ts';
import { ACTIONS } from '../ids.ts';

/** Formats `now` in the member's zone, e.g. "Fri 27 Nov, 17:06 (America/New_York)". */
function localTimeLine(tz: string | null, now: Date): string {
  if (!tz) return 'We could not read your time zone from Slack yet; reminders use the team’s default.';
  const text = new Intl.DateTimeFormat('en-GB', {
    timeZone: tz,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(now);
  return `Your local time is *${text}* (${tz}); reminders arrive at your own local time.`;
}

/** The App Home dashboard. */
export function homeView(member: Member, now: Date): HomeView {
  const blocks: KnownBlock[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: `Welcome to careerplan, ${memberName(member)}`.slice(0, 150) },
    },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: 'Keep your career plan here: a north star, 12-month milestones, quarterly OKRs, skills and a learning sprint — and the team’s learning rituals.',
      },
    },
    { type: 'context', elements: [{ type: 'mrkdwn', text: localTimeLine(member.tz, now) }] },
    { type: 'divider' },
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: ACTIONS.showHelp,
          text: { type: 'plain_text', text: 'What can I do?' },
          style: 'primary',
        },
      ],
    },
  ];
  return { type: 'home', blocks };
}
