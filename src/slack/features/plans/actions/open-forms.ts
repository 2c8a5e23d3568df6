import { type ActionArgs, guarded, tell, whoClicked } from '../../../kit/actions.ts';
import type { PlanEdge } from '../context.ts';
import { exportPlanToDm, openGoalForm, openLadderForm, openMilestoneForm, openOkrForm } from '../forms.ts';

type Opener = typeof openGoalForm;

/** A button that opens a plan form (App Home, or the buttons under a list). */
export function openFormAction(edge: PlanEdge, opener: Opener) {
  return guarded(edge, async (args: ActionArgs) => {
    await opener(edge, { client: args.client, triggerId: args.body.trigger_id, ...whoClicked(args) });
  });
}

export const openGoal = (edge: PlanEdge) => openFormAction(edge, openGoalForm);
export const openLadder = (edge: PlanEdge) => openFormAction(edge, openLadderForm);
export const openMilestone = (edge: PlanEdge) => openFormAction(edge, openMilestoneForm);
export const openOkr = (edge: PlanEdge) => openFormAction(edge, openOkrForm);

/** App Home's "Export my plan": the Markdown file arrives in the member's DM. */
export function exportPlanAction(edge: PlanEdge) {
  return guarded(edge, async (args) => {
    const { teamId, userId } = whoClicked(args);
    await exportPlanToDm(edge, args.client, teamId, userId);
    if (args.body.container?.type === 'message') {
      await tell(args, 'Plan exported', ':page_facing_up: Your career plan is in your DM with careerplan.');
    }
  });
}
