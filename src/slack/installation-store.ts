import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth';
import type { InstallationRepository } from '../domain/workspaces/installation.repository.ts';

/**
 * Bolt's InstallationStore over Postgres. careerplan keys everything by workspace (team id), so
 * org-wide Enterprise Grid installs are refused with a clear error rather than stored half-keyed.
 */
export function createInstallationStore(installations: InstallationRepository): InstallationStore {
  return {
    async storeInstallation(installation) {
      const teamId = installation.team?.id;
      if (installation.isEnterpriseInstall || !teamId) {
        throw new Error(
          'careerplan is installed per workspace; org-wide (Enterprise Grid) installs are not supported',
        );
      }
      await installations.save({
        teamId,
        enterpriseId: installation.enterprise?.id ?? null,
        botUserId: installation.bot?.userId ?? null,
        botId: installation.bot?.id ?? null,
        scopes: installation.bot?.scopes.join(',') ?? '',
        installerUserId: installation.user.id,
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
