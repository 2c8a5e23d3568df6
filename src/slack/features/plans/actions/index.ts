import type { App, BlockAction } from '@slack/bolt';
import type { PlanEdge } from '../context.ts';
import { actionPattern, PLAN_ACTIONS } from '../ids.ts';
import { milestoneButton, milestoneMenu } from './milestones.ts';
import { keyResultMenu, objectiveMenu } from './okr-menus.ts';
import { exportPlanAction, openGoal, openLadder, openMilestone, openOkr } from './open-forms.ts';

/**
 * Every career-plan button and menu. Ids are matched as prefixes: App Home repeats some buttons
 * with a suffix, and per-record buttons carry the record id after the prefix.
 */
export function registerPlanActions(app: App, edge: PlanEdge): void {
  const on = (prefix: string, handler: ReturnType<typeof openGoal>) =>
    app.action<BlockAction>(actionPattern(prefix), handler);
  on(PLAN_ACTIONS.openGoal, openGoal(edge));
  on(PLAN_ACTIONS.openLadder, openLadder(edge));
  on(PLAN_ACTIONS.openMilestoneAdd, openMilestone(edge));
  on(PLAN_ACTIONS.openOkrAdd, openOkr(edge));
  on(PLAN_ACTIONS.exportPlan, exportPlanAction(edge));
  on(PLAN_ACTIONS.milestoneDone, milestoneButton(edge, 'done'));
  on(PLAN_ACTIONS.milestoneDrop, milestoneButton(edge, 'dropped'));
  on(PLAN_ACTIONS.milestoneStart, milestoneButton(edge, 'in_progress'));
  on(PLAN_ACTIONS.milestoneReopen, milestoneButton(edge, 'reopen'));
  on(PLAN_ACTIONS.milestoneMenu, milestoneMenu(edge));
  on(PLAN_ACTIONS.objectiveMenu, objectiveMenu(edge));
  on(PLAN_ACTIONS.keyResultMenu, keyResultMenu(edge));
}
