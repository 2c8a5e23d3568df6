import type { Deps } from '../../../deps.ts';
import type { SlackFeature } from '../../kit/feature.ts';
import { registerPlanActions } from './actions/index.ts';
import { exportCommand } from './commands/export.ts';
import { goalCommand } from './commands/goal.ts';
import { ladderCommand } from './commands/ladder.ts';
import { milestoneCommand } from './commands/milestone.ts';
import { okrCommand } from './commands/okr.ts';
import type { PlanEdge } from './context.ts';
import { registerPlanViews } from './views/index.ts';

/**
 * The career plan in Slack (docs/product/career-plan.md, docs/product/exports.md): `goal`,
 * `ladder`, `milestone`, `okr` and `export`, with their buttons and modals. App Home shows the
 * plan through deps.plans (see features/core/events/app-home-opened.ts); every change here
 * republishes it.
 */
export function createPlansFeature(deps: Deps): SlackFeature {
  const edge: PlanEdge = {
    members: deps.members,
    workspaces: deps.workspaces,
    clock: deps.clock,
    logger: deps.logger,
    plans: deps.plans,
  };
  return {
    name: 'plans',
    subcommands: {
      goal: goalCommand(edge),
      ladder: ladderCommand(edge),
      milestone: milestoneCommand(edge),
      okr: okrCommand(edge),
      export: exportCommand(edge),
    },
    register(app) {
      registerPlanActions(app, edge);
      registerPlanViews(app, edge);
    },
  };
}
