import type { HomeView, KnownBlock } from '@slack/types';
import type { PlanDashboard } from '../../../../domain/plans/plan.service.ts';
import type { Member } from '../../../../domain/workspaces/workspace.ts';
import { memberName } from '../../../../domain/workspaces/workspace.ts';
import { plain } from '../../../kit/blocks.ts';
import {
  milestoneSection,
  northStarSection,
  okrSection,
  quickStartSection,
} from '../../plans/blocks/home-sections.ts';
import { PLAN_ACTIONS } from '../../plans/ids.ts';
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

function actionButtons(hasNorthStar: boolean): KnownBlock {
  return {
    type: 'actions',
    block_id: 'home_actions',
    elements: [
      {
        type: 'button',
        action_id: PLAN_ACTIONS.openGoal,
        text: plain(hasNorthStar ? 'Edit north star' : 'Set north star'),
      },
      { type: 'button', action_id: PLAN_ACTIONS.openMilestoneAdd, text: plain('Add a milestone') },
      { type: 'button', action_id: PLAN_ACTIONS.openOkrAdd, text: plain('Add an objective') },
      { type: 'button', action_id: PLAN_ACTIONS.exportPlan, text: plain('Export my plan') },
      { type: 'button', action_id: PLAN_ACTIONS.openLadder, text: plain('Career ladder') },
      { type: 'button', action_id: ACTIONS.showHelp, text: plain('What can I do?'), style: 'primary' },
    ],
  };
}

/**
 * The App Home dashboard: north star, this quarter's OKRs with progress bars, the next
 * milestones, the quick-start checklist and a button for every action. Long lists are cut
 * (see HOME_LIMITS) and point to the full list, so the view stays far below 100 blocks. Without
 * a plan (the plan services are not wired) it shows the welcome and the buttons only.
 */
export function homeView(member: Member, now: Date, plan?: PlanDashboard): HomeView {
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
    actionButtons(plan?.northStar != null),
  ];
  if (plan) {
    blocks.push(
      { type: 'divider' },
      ...northStarSection(plan),
      { type: 'divider' },
      ...okrSection(plan),
      { type: 'divider' },
      ...milestoneSection(plan),
      { type: 'divider' },
      ...quickStartSection(plan),
    );
  }
  return { type: 'home', blocks };
}
