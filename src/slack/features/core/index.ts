import type { App, BlockButtonAction } from '@slack/bolt';
import type { ActivityRepository } from '../../../domain/activity/activity.repository.ts';
import type { Clock } from '../../../domain/clock.ts';
import { quickStartStatus } from '../../../domain/quick-start/quick-start.ts';
import type { OccurrenceRepository } from '../../../domain/rituals/occurrence.repository.ts';
import type { InstallationRepository } from '../../../domain/workspaces/installation.repository.ts';
import type { WorkspaceRepository } from '../../../domain/workspaces/workspace.repository.ts';
import type { Logger } from '../../../ops/logger.ts';
import type { OutboxRepository } from '../../../outbox/outbox.repository.ts';
import type { FeatureRegistry } from '../../feature-registry.ts';
import type { SlackFeature } from '../../kit/feature.ts';
import { showHelp } from './actions/show-help.ts';
import { quickStartBlocks } from './blocks/home.ts';
import { exportCommand } from './commands/export.ts';
import { appUninstalled, tokensRevoked } from './events/app-uninstalled.ts';
import { registerDirectMessageHelp } from './events/direct-message.ts';
import { userChange } from './events/user-change.ts';
import { appHomeOpened, type HomePublisher } from './home.ts';
import { ACTIONS } from './ids.ts';

export interface CoreDeps {
  logger: Logger;
  clock: Clock;
  workspaces: WorkspaceRepository;
  installations: InstallationRepository | undefined;
  occurrences: OccurrenceRepository;
  outboxRepository: OutboxRepository;
  activity: ActivityRepository;
  home: HomePublisher;
}

/**
 * The shell every feature plugs into: help, App Home (with the quick-start checklist built from
 * every feature's items), `export`, the workspace's life-cycle events, and the member's own
 * records that belong to no feature (their DMs in the outbox, their activity, their profile).
 * It reads the other features only through the registry.
 */
export function createCoreFeature(deps: CoreDeps, registry: () => FeatureRegistry): SlackFeature {
  return {
    name: 'core',
    subcommands: { export: exportCommand(() => registry().exportKinds) },
    help: [
      { name: 'help', summary: 'this list, with an example each', example: '/careerplan help' },
      {
        name: 'export',
        summary: 'a Markdown file (and a canvas, when allowed) in your DM: plan, portfolio, design-doc…',
        example: '/careerplan export portfolio',
      },
    ],
    homeSections: [
      {
        id: 'quick-start',
        order: 90,
        async render({ member }) {
          const kinds = await deps.activity.kindsOf(member.teamId, member.userId);
          return quickStartBlocks(quickStartStatus(registry().quickStart, kinds));
        },
      },
    ],
    register(app: App) {
      app.event('app_home_opened', appHomeOpened(deps.home));
      app.event('app_uninstalled', appUninstalled(deps));
      app.event('tokens_revoked', tokensRevoked(deps));
      app.event('user_change', userChange(deps));
      registerDirectMessageHelp(app);
      app.action<BlockButtonAction>(
        ACTIONS.showHelp,
        showHelp(() => registry().help),
      );
    },
    async erase({ teamId, userId }) {
      return {
        messages: await deps.outboxRepository.eraseMember(teamId, userId),
        activity: await deps.activity.eraseMember(teamId, userId),
        profile: (await deps.workspaces.deleteMember(teamId, userId)) ? 1 : 0,
      };
    },
  };
}
