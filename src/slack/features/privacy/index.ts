import type { App, BlockAction } from '@slack/bolt';
import type { Deps } from '../../../deps.ts';
import { createErasureRepository } from '../../../domain/privacy/erasure.repository.ts';
import { createErasureService } from '../../../domain/privacy/erasure.service.ts';
import { unscheduleHeld } from '../../../outbox/unschedule.ts';
import { guarded, whoClicked } from '../../kit/actions.ts';
import type { Shell, SlackFeature } from '../../kit/feature.ts';
import { privacyHomeBlocks } from './blocks/erase-modals.ts';
import type { PrivacyEdge } from './context.ts';
import { eraseConfirmed, openEraseConfirmation, subjectOf } from './erase.ts';
import { PRIVACY_ACTIONS, PRIVACY_VIEWS } from './ids.ts';

/**
 * Delete-my-data (docs/product/delete-my-data.md): a confirmation that lists what is stored,
 * then every feature's erase hook (through the shell), the cancelling of planned reminders and
 * the erasure audit. Admins erase members who left. It keeps nothing about members itself but
 * the audit, so it has no erase hook.
 */
export function createPrivacyFeature(edge: PrivacyEdge): SlackFeature {
  return {
    name: 'privacy',
    subcommands: {
      'delete-my-data': async (ctx) => {
        const subject = subjectOf(ctx.args, ctx.userId);
        await ctx.ack();
        await openEraseConfirmation(edge, ctx, subject);
        return undefined;
      },
    },
    help: [
      {
        name: 'delete-my-data',
        summary:
          'erase everything careerplan holds about you, after a confirmation (admins: a member who left)',
        example: '/careerplan delete-my-data',
      },
    ],
    homeSections: [{ id: 'privacy', order: 99, render: async () => privacyHomeBlocks() }],
    register(app: App) {
      app.action<BlockAction>(
        PRIVACY_ACTIONS.openErase,
        guarded(edge, async (args) => {
          const who = whoClicked(args);
          await openEraseConfirmation(
            edge,
            { client: args.client, triggerId: args.body.trigger_id, ...who },
            who.userId,
          );
        }),
      );
      app.view(PRIVACY_VIEWS.confirm, eraseConfirmed(edge));
    },
  };
}

/** The delete-my-data feature, wired from the container (feature-list.ts names it). */
export function privacyFeature(deps: Deps, shell: Shell): SlackFeature {
  const audit = createErasureRepository(deps.db);
  return createPrivacyFeature({
    erasure: createErasureService({
      inventory: audit.inventory,
      async cancelReminders(teamId, userId) {
        const cancelled = await deps.outboxRepository.cancelPendingForMember(teamId, userId);
        // Reminders Slack holds for them are deleted there before their rows go.
        await unscheduleHeld({ ...deps, kinds: deps.outboxKinds }, { teamId, userId, recheck: false });
        return cancelled;
      },
      eraseEverywhere: shell.erase,
      audit,
    }),
    workspaces: deps.workspaces,
    members: deps.members,
    logger: deps.logger,
    guard: shell.guard,
  });
}
