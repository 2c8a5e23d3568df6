import type { Deps } from '../../../deps.ts';
import { CAREER_QUICK_START } from '../../../domain/quick-start/quick-start.ts';
import { exportReply } from '../../../slack-api/exports.ts';
import type { Shell, SlackFeature } from '../../kit/feature.ts';
import { registerPlanActions } from './actions/index.ts';
import { planHomeBlocks } from './blocks/home.ts';
import { goalCommand } from './commands/goal.ts';
import { ladderCommand } from './commands/ladder.ts';
import { milestoneCommand } from './commands/milestone.ts';
import { okrCommand } from './commands/okr.ts';
import type { PlanEdge } from './context.ts';
import { exportPlanToDm } from './forms.ts';
import { registerPlanViews } from './views/index.ts';

/**
 * The career plan in Slack (docs/product/career-plan.md): `goal`, `ladder`, `milestone` and
 * `okr` with their buttons and modals, its App Home section, the quick-start checklist, and the
 * `plan` export. Every change here republishes App Home.
 */
export function createPlansFeature(edge: PlanEdge): SlackFeature {
  return {
    name: 'plans',
    subcommands: {
      goal: goalCommand(edge),
      ladder: ladderCommand(edge),
      milestone: milestoneCommand(edge),
      okr: okrCommand(edge),
    },
    help: [
      {
        name: 'goal',
        summary: 'your north star: track, destination, horizon, levels',
        example: '/careerplan goal',
      },
      { name: 'ladder', summary: "the team's career ladder (admins edit it)", example: '/careerplan ladder' },
      {
        name: 'milestone',
        summary: '12-month milestones: add, list, done/drop',
        example: '/careerplan milestone add',
      },
      {
        name: 'okr',
        summary: 'quarterly OKRs: list, add, progress, another quarter',
        example: '/careerplan okr progress 2 60',
      },
    ],
    homeSections: [
      {
        id: 'plan',
        order: 10,
        async render({ member, tz }) {
          const plan = await edge.plans.dashboard({ teamId: member.teamId, userId: member.userId, tz });
          return planHomeBlocks(plan);
        },
      },
    ],
    quickStart: CAREER_QUICK_START,
    exportKinds: [
      {
        kind: 'plan',
        summary: 'your one-page career plan',
        async run(ctx) {
          // Acknowledge first: the upload is three Web API calls.
          await ctx.ack();
          const delivery = await exportPlanToDm(edge, ctx.client, ctx.teamId, ctx.userId);
          return { text: exportReply('Your career plan', delivery) };
        },
      },
    ],
    register(app) {
      registerPlanActions(app, edge);
      registerPlanViews(app, edge);
    },
    erase: (member) => edge.plans.eraseMember(member.teamId, member.userId),
  };
}

/** The plans feature, wired from the container (feature-list.ts names it). */
export function plansFeature(deps: Deps, shell: Shell): SlackFeature {
  return createPlansFeature({
    plans: deps.plans,
    workspaces: deps.workspaces,
    clock: deps.clock,
    logger: deps.logger,
    resolver: shell.resolver,
    home: shell.home,
    guard: shell.guard,
  });
}
