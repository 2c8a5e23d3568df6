import { fieldValue } from '../../../kit/view-state.ts';
import { MILESTONE_BLOCKS } from '../blocks/milestones.ts';
import type { PlanEdge } from '../context.ts';
import { planForm } from './submit.ts';

/** Adds a milestone (due today or later in the member's calendar). */
export function milestoneAddSubmitted(edge: PlanEdge) {
  return planForm(edge, MILESTONE_BLOCKS.title, ({ args: { view } }, owner) =>
    edge.plans.milestones.add(owner, {
      kind: fieldValue(view, MILESTONE_BLOCKS.kind),
      title: fieldValue(view, MILESTONE_BLOCKS.title),
      dueDate: fieldValue(view, MILESTONE_BLOCKS.dueDate),
      evidenceUrl: fieldValue(view, MILESTONE_BLOCKS.evidenceUrl),
    }),
  );
}
