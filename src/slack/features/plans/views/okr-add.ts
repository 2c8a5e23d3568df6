import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { NewObjectiveInput } from '../../../../domain/plans/okr.service.ts';
import { keyResultSlotField } from '../../../../domain/plans/okr-form.ts';
import { addQuarters } from '../../../../domain/plans/quarters.ts';
import { fieldValue, hasBlock, isChecked, viewErrors } from '../../../kit/view-state.ts';
import { CONFIRM_THIRD_VALUE, KEY_RESULT_SLOTS, okrAddModal } from '../blocks/okr-modals.ts';
import { memberFor, type PlanEdge, refreshHome } from '../context.ts';
import { OKR_BLOCKS } from '../ids.ts';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

function readForm(view: Args['view']): NewObjectiveInput {
  const keyResults = Array.from({ length: KEY_RESULT_SLOTS }, (_, slot) => ({
    title: fieldValue(view, keyResultSlotField(slot, 'title')),
    kind: fieldValue(view, keyResultSlotField(slot, 'kind')) || 'metric',
    start: fieldValue(view, keyResultSlotField(slot, 'start')),
    target: fieldValue(view, keyResultSlotField(slot, 'target')),
    unit: fieldValue(view, keyResultSlotField(slot, 'unit')),
  }));
  return {
    quarter: fieldValue(view, OKR_BLOCKS.quarter),
    title: fieldValue(view, OKR_BLOCKS.objective),
    keyResults,
    confirmedThird: isChecked(view, OKR_BLOCKS.confirmThird, CONFIRM_THIRD_VALUE),
  };
}

/**
 * Adds an objective with its key results. A third objective in a quarter is stored only once the
 * member ticked the confirmation: a form without the checkbox is updated in place to show the
 * warning and the checkbox (typed values kept); a form with it unticked gets a field error.
 */
export function okrAddSubmitted(edge: PlanEdge) {
  return async ({ ack, view, body, client }: Args) => {
    const teamId = body.team?.id ?? view.team_id;
    const userId = body.user.id;
    const input = readForm(view);
    try {
      const { owner } = await memberFor(edge, client, teamId, userId);
      const result = await edge.plans.okrs.addObjective(owner, input);
      if (result.status === 'needs_confirmation') {
        if (hasBlock(view, OKR_BLOCKS.confirmThird)) {
          await ack({ response_action: 'errors', errors: { [OKR_BLOCKS.confirmThird]: result.message } });
        } else {
          const current = edge.plans.okrs.currentQuarter(owner);
          await ack({
            response_action: 'update',
            view: okrAddModal({
              quarters: [current, addQuarters(current, 1)],
              values: input,
              needsConfirmation: true,
            }),
          });
        }
        return;
      }
    } catch (error) {
      await ack(viewErrors(error, view, OKR_BLOCKS.objective, edge.logger));
      return;
    }
    await ack();
    await refreshHome(edge, client, teamId, userId);
  };
}
