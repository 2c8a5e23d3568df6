import type { App, BlockAction } from '@slack/bolt';
import { unitOfWork } from '../../../db/unit-of-work.ts';
import type { Deps } from '../../../deps.ts';
import { levelIndex } from '../../../domain/plans/ladder.ts';
import type { PlanServices } from '../../../domain/plans/plan.service.ts';
import type { PlanOwner } from '../../../domain/plans/records.ts';
import { createReadinessRepository } from '../../../domain/readiness/readiness.repository.ts';
import { createReadinessService, type ReadinessGoal } from '../../../domain/readiness/readiness.service.ts';
import type { Shell, SlackFeature } from '../../kit/feature.ts';
import { linkItemAction } from './actions/readiness-actions.ts';
import { readinessHomeBlocks } from './blocks/readiness-blocks.ts';
import { readinessCommand } from './commands/readiness.ts';
import type { ReadinessEdge } from './context.ts';
import { READINESS_ACTIONS, READINESS_VIEWS } from './ids.ts';
import { checklistSubmitted, linkSubmitted } from './views/readiness-forms.ts';

/**
 * Promotion readiness (docs/product/readiness.md): `/careerplan readiness` (and `readiness edit`
 * for admins), linking portfolio evidence to checklist items, and its App Home section.
 */
export function createReadinessFeature(edge: ReadinessEdge): SlackFeature {
  return {
    name: 'readiness',
    subcommands: { readiness: readinessCommand(edge) },
    help: [
      {
        name: 'readiness',
        summary:
          'your promotion-readiness checklist, ticked by linking portfolio evidence (admins: `readiness edit ic|staff|manager`)',
        example: '/careerplan readiness',
      },
    ],
    homeSections: [
      {
        id: 'readiness',
        order: 45,
        async render({ member, tz }) {
          const owner = { teamId: member.teamId, userId: member.userId, tz };
          return readinessHomeBlocks(await edge.readiness.view(owner));
        },
      },
    ],
    register(app: App) {
      app.action<BlockAction>(new RegExp(`^${READINESS_ACTIONS.linkItem}`), linkItemAction(edge));
      app.action<BlockAction>(READINESS_ACTIONS.pickItem, linkItemAction(edge));
      app.view(READINESS_VIEWS.link, linkSubmitted(edge));
      app.view(READINESS_VIEWS.checklist, checklistSubmitted(edge));
    },
    erase: async ({ teamId, userId }) => ({ evidence: await edge.readiness.eraseMember(teamId, userId) }),
  };
}

/** The member's track and target level, from their north star and the team's ladder. */
async function goalOf(plans: PlanServices, owner: PlanOwner): Promise<ReadinessGoal | null> {
  const [northStar, ladder] = await Promise.all([
    plans.career.northStar(owner),
    plans.career.ladder(owner.teamId),
  ]);
  if (!northStar) return null;
  const level = ladder[levelIndex(ladder, northStar.targetLevel)];
  return { track: northStar.track, targetLevel: northStar.targetLevel, targetTitle: level?.title ?? null };
}

/** The readiness feature, wired from the container (feature-list.ts names it). */
export function readinessFeature(deps: Deps, shell: Shell): SlackFeature {
  const readiness = createReadinessService({
    store: createReadinessRepository(deps.db),
    uow: unitOfWork(deps.db, createReadinessRepository),
    goal: (owner) => goalOf(deps.plans, owner),
  });
  return createReadinessFeature({
    readiness,
    portfolio: { list: (owner) => deps.portfolio.list(owner.teamId, owner.userId) },
    workspaces: deps.workspaces,
    members: deps.members,
    logger: deps.logger,
    resolver: shell.resolver,
    home: shell.home,
    guard: shell.guard,
  });
}
