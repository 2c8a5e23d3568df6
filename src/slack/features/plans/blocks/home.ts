import type { KnownBlock } from '@slack/types';
import type { PlanDashboard } from '../../../../domain/plans/plan.service.ts';
import { plain } from '../../../kit/blocks.ts';
import { PLAN_ACTIONS } from '../ids.ts';
import { milestoneSection, northStarSection, okrSection } from './home-sections.ts';

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
    ],
  };
}

/**
 * The career plan's part of App Home: its buttons, the north star, this quarter's OKRs with
 * progress bars and the next milestones. Long lists are cut (HOME_LIMITS) and point to the full
 * list, so the section stays far below the view's 100 blocks.
 */
export function planHomeBlocks(plan: PlanDashboard): KnownBlock[] {
  return [
    actionButtons(plan.northStar != null),
    { type: 'divider' },
    ...northStarSection(plan),
    { type: 'divider' },
    ...okrSection(plan),
    { type: 'divider' },
    ...milestoneSection(plan),
  ];
}
