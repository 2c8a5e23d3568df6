import type { Installation } from '@slack/oauth';
import type { SlackAuth } from '../config.ts';
import type { InstallationRepository } from '../domain/workspaces/installation.repository.ts';

/**
 * Which bot token speaks for a workspace, for work that happens outside a Slack request (jobs).
 * Returns undefined when the workspace has uninstalled the app: callers treat that as permanent.
 */
export interface BotTokens {
  forTeam(teamId: string): Promise<string | undefined>;
}

export function createBotTokens(
  auth: SlackAuth,
  installations: InstallationRepository | undefined,
): BotTokens {
  if (auth.mode === 'single') {
    const token = auth.botToken;
    return { forTeam: async () => token };
  }
  if (!installations) throw new Error('OAuth mode needs the installation repository');
  return {
    async forTeam(teamId) {
      const payload = await installations.findPayload(teamId);
      if (!payload) return undefined;
      return (JSON.parse(payload) as Installation).bot?.token;
    },
  };
}
