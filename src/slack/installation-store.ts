import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth';
import type { InstallationRepository } from '../domain/workspaces/installation.repository.ts';

/**
 * Answers whether the person who just installed is a workspace admin or owner (read from Slack
 * with the new bot token). Anything but a clear yes counts as no: a failed look-up must not hand
 * over admin rights.
 */
export type InstallerAdminCheck = (installation: Installation<'v2', false>) => Promise<boolean>;

/**
 * Bolt's InstallationStore over Postgres. careerplan keys everything by workspace (team id), so
 * org-wide Enterprise Grid installs are refused with a clear error rather than stored half-keyed.
 * A re-install keeps the first installer's admin rights unless the new installer is a workspace
 * admin (see installerAfterInstall).
 */
export function createInstallationStore(
  installations: InstallationRepository,
  options: { installerIsWorkspaceAdmin?: InstallerAdminCheck } = {},
): InstallationStore {
  return {
    async storeInstallation(installation) {
      const teamId = installation.team?.id;
      if (installation.isEnterpriseInstall || !teamId) {
        throw new Error(
          'careerplan is installed per workspace; org-wide (Enterprise Grid) installs are not supported',
        );
      }
      const check = options.installerIsWorkspaceAdmin;
      const installerIsWorkspaceAdmin = check
        ? await check(installation as Installation<'v2', false>).catch(() => false)
        : false;
      await installations.save({
        teamId,
        enterpriseId: installation.enterprise?.id ?? null,
        botUserId: installation.bot?.userId ?? null,
        botId: installation.bot?.id ?? null,
        scopes: installation.bot?.scopes.join(',') ?? '',
        installerUserId: installation.user.id,
        installerIsWorkspaceAdmin,
        payloadJson: JSON.stringify(installation),
      });
    },

    async fetchInstallation(query: InstallationQuery<boolean>) {
      const teamId = query.teamId;
      const payload = teamId ? await installations.findPayload(teamId) : undefined;
      if (!payload) throw new Error(`no installation for team ${teamId ?? '(none)'}`);
      return JSON.parse(payload) as Installation<'v2', false>;
    },

    async deleteInstallation(query: InstallationQuery<boolean>) {
      if (query.teamId) await installations.delete(query.teamId);
    },
  };
}
