import type { WorkspaceRepository } from '../domain/workspaces/workspace.repository.ts';
import { isWorkspaceAdmin } from '../domain/workspaces/workspace.ts';
import { fetchMemberProfile } from '../slack-api/member-profiles.ts';
import type { BackgroundClients } from '../slack-api/web-client.ts';
import type { InstallerAdminCheck } from './installation-store.ts';

/**
 * Reads the installer's profile with the bot token Slack just issued (users.info), stores it,
 * and answers whether they are a workspace admin or owner.
 */
export function installerAdminCheck(deps: {
  clients: BackgroundClients;
  workspaces: WorkspaceRepository;
}): InstallerAdminCheck {
  return async (installation) => {
    const teamId = installation.team?.id;
    const token = installation.bot?.token;
    const userId = installation.user.id;
    if (!teamId || !token) return false;
    const profile = await fetchMemberProfile(deps.clients.forToken(token), userId);
    await deps.workspaces.upsertWorkspace(teamId);
    await deps.workspaces.saveMemberProfile(teamId, userId, profile);
    return isWorkspaceAdmin(profile);
  };
}
