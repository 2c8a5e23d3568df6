import type { App } from '@slack/bolt';
import type { PlanEdge } from '../context.ts';
import { PLAN_VIEWS } from '../ids.ts';
import { goalSubmitted } from './goal.ts';
import {
  checkInSubmitted,
  keyResultAddSubmitted,
  keyResultEditSubmitted,
  objectiveEditSubmitted,
} from './key-results.ts';
import { ladderSubmitted } from './ladder.ts';
import { milestoneAddSubmitted } from './milestone-add.ts';
import { okrAddSubmitted } from './okr-add.ts';

/** Every career-plan modal submission. */
export function registerPlanViews(app: App, edge: PlanEdge): void {
  app.view(PLAN_VIEWS.goal, goalSubmitted(edge));
  app.view(PLAN_VIEWS.ladder, ladderSubmitted(edge));
  app.view(PLAN_VIEWS.milestoneAdd, milestoneAddSubmitted(edge));
  app.view(PLAN_VIEWS.okrAdd, okrAddSubmitted(edge));
  app.view(PLAN_VIEWS.keyResultAdd, keyResultAddSubmitted(edge));
  app.view(PLAN_VIEWS.objectiveEdit, objectiveEditSubmitted(edge));
  app.view(PLAN_VIEWS.keyResultEdit, keyResultEditSubmitted(edge));
  app.view(PLAN_VIEWS.checkIn, checkInSubmitted(edge));
}
