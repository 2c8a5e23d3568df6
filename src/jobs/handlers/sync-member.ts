import type { WorkspaceRepository } from '../../domain/workspaces/workspace.repository.ts';
import type { BotTokens } from '../../slack-api/bot-tokens.ts';
import { fetchMemberProfile } from '../../slack-api/member-profiles.ts';
import { isPermanentSlackError, slackErrorCode } from '../../slack-api/slack-errors.ts';
import type { BackgroundClients } from '../../slack-api/web-client.ts';
import { PermanentJobError } from '../errors.ts';

export interface MemberSyncDeps {
  workspaces: WorkspaceRepository;
  botTokens: BotTokens;
  clients: BackgroundClients;
}

/**
 * Re-reads one member's Slack profile (time zone first of all) and stores it. Permanent Slack
 * errors (user gone, app uninstalled) fail without retry; anything else is retried by BullMQ.
 */
export async function syncMember(deps: MemberSyncDeps, teamId: string, userId: string): Promise<void> {
  const token = await deps.botTokens.forTeam(teamId);
  if (!token) throw new PermanentJobError('not_installed', `workspace ${teamId} has no installation`);
  try {
    const profile = await fetchMemberProfile(deps.clients.forToken(token), userId);
    await deps.workspaces.saveMemberProfile(teamId, userId, profile);
  } catch (error) {
    if (isPermanentSlackError(error)) {
      throw new PermanentJobError(slackErrorCode(error) ?? 'slack_error', `users.info failed for ${userId}`);
    }
    throw error;
  }
}

export function createSyncMemberHandler(deps: MemberSyncDeps) {
  return async (payload: { teamId: string; userId: string }) =>
    syncMember(deps, payload.teamId, payload.userId);
}
