import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { OccurrenceRepository } from '../../../../domain/rituals/occurrence.repository.ts';
import type { InstallationRepository } from '../../../../domain/workspaces/installation.repository.ts';
import type { Logger } from '../../../../ops/logger.ts';

interface LifecycleDeps {
  installations: InstallationRepository | undefined;
  occurrences: OccurrenceRepository;
  logger: Logger;
}

/**
 * The workspace removed the app: its bot token is deleted at once (docs/product/ground-rules.md)
 * and every planned reminder there is cancelled. Career data stays so a reinstall picks up where
 * the team left off.
 */
export function appUninstalled(services: LifecycleDeps) {
  return async ({ body }: SlackEventMiddlewareArgs<'app_uninstalled'> & AllMiddlewareArgs) => {
    const teamId = body.team_id;
    const removed = (await services.installations?.delete(teamId)) ?? false;
    await services.occurrences.cancelPendingForTeam(teamId);
    services.logger.info(
      { teamId, removed },
      'app uninstalled; installation removed, pending reminders cancelled',
    );
  };
}

/** Slack revoked tokens: when the bot's token is among them, the installation goes too. */
export function tokensRevoked(services: LifecycleDeps) {
  return async ({ event, body }: SlackEventMiddlewareArgs<'tokens_revoked'> & AllMiddlewareArgs) => {
    const botTokensRevoked = (event.tokens.bot ?? []).length > 0;
    if (!botTokensRevoked) return;
    const removed = (await services.installations?.delete(body.team_id)) ?? false;
    services.logger.info({ teamId: body.team_id, removed }, 'bot token revoked; installation removed');
  };
}
