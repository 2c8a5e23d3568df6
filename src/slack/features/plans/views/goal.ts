import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { fieldValue, viewErrors } from '../../../kit/view-state.ts';
import { GOAL_BLOCKS } from '../blocks/goal.ts';
import { memberFor, type PlanEdge, refreshHome } from '../context.ts';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** Saves the north star; invalid input comes back beside its field and nothing is stored. */
export function goalSubmitted(edge: PlanEdge) {
  return async ({ ack, view, body, client }: Args) => {
    const teamId = body.team?.id ?? view.team_id;
    const userId = body.user.id;
    try {
      const { owner } = await memberFor(edge, client, teamId, userId);
      await edge.plans.career.saveNorthStar(owner, {
        track: fieldValue(view, GOAL_BLOCKS.track),
        destination: fieldValue(view, GOAL_BLOCKS.destination),
        horizonYears: fieldValue(view, GOAL_BLOCKS.horizonYears),
        currentLevel: fieldValue(view, GOAL_BLOCKS.currentLevel),
        targetLevel: fieldValue(view, GOAL_BLOCKS.targetLevel),
      });
    } catch (error) {
      await ack(viewErrors(error, view, GOAL_BLOCKS.destination, edge.logger));
      return;
    }
    await ack();
    await refreshHome(edge, client, teamId, userId);
  };
}
