import { fieldValue, metadataOf } from '../../../kit/view-state.ts';
import type { PlanEdge } from '../context.ts';
import { OKR_BLOCKS } from '../ids.ts';
import { planForm } from './submit.ts';

/**
 * The OKR forms opened from a record (add key result, edit objective, edit key result, check in).
 * Each carries the record id in private_metadata; the service checks again that the record
 * belongs to the submitting member in this team, so a forged id is refused.
 */
export function keyResultAddSubmitted(edge: PlanEdge) {
  return planForm(edge, 'title', ({ args: { view } }, owner) =>
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
  return planForm(edge, OKR_BLOCKS.objective, ({ args: { view } }, owner) =>
    edge.plans.okrs.renameObjective(
      owner,
      metadataOf(view).objectiveId,
      fieldValue(view, OKR_BLOCKS.objective),
    ),
  );
}

export function keyResultEditSubmitted(edge: PlanEdge) {
  return planForm(edge, 'title', ({ args: { view } }, owner) =>
    edge.plans.okrs.editKeyResult(owner, metadataOf(view).keyResultId, {
      title: fieldValue(view, 'title'),
      start: fieldValue(view, 'start'),
      target: fieldValue(view, 'target'),
      unit: fieldValue(view, 'unit'),
    }),
  );
}

export function checkInSubmitted(edge: PlanEdge) {
  return planForm(edge, 'value', ({ args: { view } }, owner) =>
    edge.plans.okrs.checkIn(
      owner,
      metadataOf(view).keyResultId,
      fieldValue(view, 'value'),
      fieldValue(view, 'note'),
    ),
  );
}
