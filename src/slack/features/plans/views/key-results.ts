import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { fieldValue, metadataOf, viewErrors } from '../../../kit/view-state.ts';
import { memberFor, type PlanEdge, refreshHome } from '../context.ts';
import { OKR_BLOCKS } from '../ids.ts';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/**
 * The OKR forms opened from a record (add key result, edit objective, edit key result, check in).
 * Each carries the record id in private_metadata; the service checks again that the record
 * belongs to the submitting member in this team, so a forged id is refused.
 */
function submitted(
  edge: PlanEdge,
  fallbackBlock: string,
  work: (args: Args, owner: Awaited<ReturnType<typeof memberFor>>['owner']) => Promise<unknown>,
) {
  return async (args: Args) => {
    const { ack, view, body, client } = args;
    const teamId = body.team?.id ?? view.team_id;
    const userId = body.user.id;
    try {
      const { owner } = await memberFor(edge, client, teamId, userId);
      await work(args, owner);
    } catch (error) {
      await ack(viewErrors(error, view, fallbackBlock, edge.logger));
      return;
    }
    await ack();
    await refreshHome(edge, client, teamId, userId);
  };
}

export function keyResultAddSubmitted(edge: PlanEdge) {
  return submitted(edge, 'title', ({ view }, owner) =>
    edge.plans.okrs.addKeyResult(owner, metadataOf(view).objectiveId, {
      title: fieldValue(view, 'title'),
      kind: fieldValue(view, 'kind') || 'metric',
      start: fieldValue(view, 'start'),
      target: fieldValue(view, 'target'),
      unit: fieldValue(view, 'unit'),
    }),
  );
}

export function objectiveEditSubmitted(edge: PlanEdge) {
  return submitted(edge, OKR_BLOCKS.objective, ({ view }, owner) =>
    edge.plans.okrs.renameObjective(
      owner,
      metadataOf(view).objectiveId,
      fieldValue(view, OKR_BLOCKS.objective),
    ),
  );
}

export function keyResultEditSubmitted(edge: PlanEdge) {
  return submitted(edge, 'title', ({ view }, owner) =>
    edge.plans.okrs.editKeyResult(owner, metadataOf(view).keyResultId, {
      title: fieldValue(view, 'title'),
      start: fieldValue(view, 'start'),
      target: fieldValue(view, 'target'),
      unit: fieldValue(view, 'unit'),
    }),
  );
}

export function checkInSubmitted(edge: PlanEdge) {
  return submitted(edge, 'value', ({ view }, owner) =>
    edge.plans.okrs.checkIn(
      owner,
      metadataOf(view).keyResultId,
      fieldValue(view, 'value'),
      fieldValue(view, 'note'),
    ),
  );
}
