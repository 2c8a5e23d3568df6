import type { App, BlockAction, MessageShortcut } from '@slack/bolt';
import { unitOfWork } from '../../../db/unit-of-work.ts';
import type { Deps } from '../../../deps.ts';
import { createActivityRepository } from '../../../domain/activity/activity.repository.ts';
import type { PlanServices } from '../../../domain/plans/plan.service.ts';
import { formatQuarter, quarterOf } from '../../../domain/plans/quarters.ts';
import type { PlanOwner } from '../../../domain/plans/records.ts';
import { createPortfolioRepository } from '../../../domain/portfolio/portfolio.repository.ts';
import {
  createPortfolioService,
  type EvidenceTargetOption,
} from '../../../domain/portfolio/portfolio.service.ts';
import type { Shell, SlackFeature } from '../../kit/feature.ts';
import { artifactMenuAction, exportAction, openAddAction } from './actions/portfolio-actions.ts';
import { portfolioHomeBlocks } from './blocks/home-section.ts';
import { portfolioCommand } from './commands/portfolio.ts';
import type { PortfolioEdge } from './context.ts';
import { portfolioExportKinds } from './exports.ts';
import { PORTFOLIO_ACTIONS, PORTFOLIO_SHORTCUTS, PORTFOLIO_VIEWS } from './ids.ts';
import { addToPortfolioShortcut } from './shortcuts/add-to-portfolio.ts';
import {
  artifactAddSubmitted,
  artifactEditSubmitted,
  artifactRemoveSubmitted,
} from './views/artifact-forms.ts';

/**
 * The impact portfolio (docs/product/portfolio.md): `/careerplan portfolio` and its forms, the
 * "Add to portfolio" message shortcut, its App Home section, and the `portfolio` and
 * `design-doc` exports. Monthly contributions (logged through the rituals feature) are artifacts
 * of the same table, so they are listed, edited and exported here too.
 */
export function createPortfolioFeature(
  edge: PortfolioEdge,
  eraseMember: (teamId: string, userId: string) => Promise<number>,
): SlackFeature {
  return {
    name: 'portfolio',
    subcommands: { portfolio: portfolioCommand(edge) },
    help: [
      {
        name: 'portfolio',
        summary: 'your impact artifacts by quarter: add, edit, remove (or "Add to portfolio" on any message)',
        example: '/careerplan portfolio add',
      },
    ],
    homeSections: [
      {
        id: 'portfolio',
        order: 40,
        async render({ member, tz, now }) {
          const owner = { teamId: member.teamId, userId: member.userId, tz };
          return portfolioHomeBlocks(await edge.portfolio.list(owner), formatQuarter(quarterOf(now, tz)));
        },
      },
    ],
    exportKinds: portfolioExportKinds(edge),
    register(app: App) {
      const on = (id: string, handler: ReturnType<typeof openAddAction>) =>
        app.action<BlockAction>(new RegExp(`^${id}`), handler);
      on(PORTFOLIO_ACTIONS.openAdd, openAddAction(edge));
      on(PORTFOLIO_ACTIONS.exportPortfolio, exportAction(edge));
      on(PORTFOLIO_ACTIONS.artifactMenu, artifactMenuAction(edge));
      app.view(PORTFOLIO_VIEWS.add, artifactAddSubmitted(edge));
      app.view(PORTFOLIO_VIEWS.edit, artifactEditSubmitted(edge));
      app.view(PORTFOLIO_VIEWS.remove, artifactRemoveSubmitted(edge));
      app.shortcut<MessageShortcut>(
        PORTFOLIO_SHORTCUTS.addFromMessage.callbackId,
        addToPortfolioShortcut(edge),
      );
    },
    // Readiness evidence goes with the artifacts (foreign key); the readiness feature counts it.
    erase: async ({ teamId, userId }) => ({ artifacts: await eraseMember(teamId, userId) }),
  };
}

/** What an artifact can be evidence for: open milestones and this quarter's key results. */
async function evidenceTargets(plans: PlanServices, owner: PlanOwner): Promise<EvidenceTargetOption[]> {
  const [milestones, quarter] = await Promise.all([plans.milestones.list(owner), plans.okrs.quarter(owner)]);
  return [
    ...milestones
      .filter((m) => m.status !== 'dropped')
      .map((m) => ({ type: 'milestone' as const, id: m.id, title: m.title })),
    ...quarter.numbered.map((n) => ({
      type: 'key_result' as const,
      id: n.keyResult.id,
      title: `${n.number}. ${n.keyResult.title}`,
    })),
  ];
}

/** The portfolio feature, wired from the container (feature-list.ts names it). */
export function portfolioFeature(deps: Deps, shell: Shell): SlackFeature {
  const portfolio = createPortfolioService({
    reads: { portfolio: deps.portfolio },
    uow: unitOfWork(deps.db, (trx) => ({
      portfolio: createPortfolioRepository(trx),
      activity: createActivityRepository(trx),
    })),
    targets: (owner) => evidenceTargets(deps.plans, owner),
    clock: deps.clock,
  });
  return createPortfolioFeature(
    {
      portfolio,
      logger: deps.logger,
      resolver: shell.resolver,
      home: shell.home,
      guard: shell.guard,
    },
    deps.portfolio.eraseMember,
  );
}
