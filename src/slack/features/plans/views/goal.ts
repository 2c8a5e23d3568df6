import { fieldValue } from '../../../kit/view-state.ts';
import { GOAL_BLOCKS } from '../blocks/goal.ts';
import type { PlanEdge } from '../context.ts';
import { planForm } from './submit.ts';

/** Saves the north star; invalid input comes back beside its field and nothing is stored. */
export function goalSubmitted(edge: PlanEdge) {
  return planForm(edge, GOAL_BLOCKS.destination, ({ args: { view } }, owner) =>
    edge.plans.career.saveNorthStar(owner, {
      track: fieldValue(view, GOAL_BLOCKS.track),
      destination: fieldValue(view, GOAL_BLOCKS.destination),
      horizonYears: fieldValue(view, GOAL_BLOCKS.horizonYears),
      currentLevel: fieldValue(view, GOAL_BLOCKS.currentLevel),
      targetLevel: fieldValue(view, GOAL_BLOCKS.targetLevel),
    }),
  );
}
