import type { ViewOutput } from '@slack/bolt';
import type { NewObjectiveInput } from '../../../../domain/plans/okr.service.ts';
import { keyResultSlotField } from '../../../../domain/plans/okr-form.ts';
import { addQuarters } from '../../../../domain/plans/quarters.ts';
import { respond } from '../../../kit/form.ts';
import { fieldValue, hasBlock, isChecked } from '../../../kit/view-state.ts';
import { CONFIRM_THIRD_VALUE, KEY_RESULT_SLOTS, okrAddModal } from '../blocks/okr-modals.ts';
import type { PlanEdge } from '../context.ts';
import { OKR_BLOCKS } from '../ids.ts';
import { planForm } from './submit.ts';

function readForm(view: ViewOutput): NewObjectiveInput {
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
  return planForm(edge, OKR_BLOCKS.objective, async ({ args: { view } }, owner) => {
    const input = readForm(view);
    const result = await edge.plans.okrs.addObjective(owner, input);
    if (result.status !== 'needs_confirmation') return undefined;
    if (hasBlock(view, OKR_BLOCKS.confirmThird)) {
      return respond({ response_action: 'errors', errors: { [OKR_BLOCKS.confirmThird]: result.message } });
    }
    const current = edge.plans.okrs.currentQuarter(owner);
    return respond({
      response_action: 'update',
      view: okrAddModal({
        quarters: [current, addQuarters(current, 1)],
        values: input,
        needsConfirmation: true,
      }),
    });
  });
}
