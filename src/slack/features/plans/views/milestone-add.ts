import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { fieldValue, viewErrors } from '../../../kit/view-state.ts';
import { MILESTONE_BLOCKS } from '../blocks/milestones.ts';
import { memberFor, type PlanEdge, refreshHome } from '../context.ts';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** Adds a milestone (due today or later in the member's calendar). */
export function milestoneAddSubmitted(edge: PlanEdge) {
  return async ({ ack, view, body, client }: Args) => {
    const teamId = body.team?.id ?? view.team_id;
    const userId = body.user.id;
    try {
      const { owner } = await memberFor(edge, client, teamId, userId);
      await edge.plans.milestones.add(owner, {
        kind: fieldValue(view, MILESTONE_BLOCKS.kind),
        title: fieldValue(view, MILESTONE_BLOCKS.title),
        dueDate: fieldValue(view, MILESTONE_BLOCKS.dueDate),
        evidenceUrl: fieldValue(view, MILESTONE_BLOCKS.evidenceUrl),
      });
    } catch (error) {
      await ack(viewErrors(error, view, MILESTONE_BLOCKS.title, edge.logger));
      return;
    }
    await ack();
    await refreshHome(edge, client, teamId, userId);
  };
}
