import type { WebClient } from '@slack/web-api';
import type { WorkspaceRepository } from '../domain/workspaces/workspace.repository.ts';
import type { Member } from '../domain/workspaces/workspace.ts';
import { fetchMemberProfile } from './member-profiles.ts';

/**
 * The member behind a Slack request. Known members come from Postgres; a member we have never
 * seen (or whose time zone we do not know yet) is read from users.info once and stored. The
 * daily refresh job and `user_change` events keep stored profiles current.
 */
export function createMemberDirectory(workspaces: WorkspaceRepository) {
  return {
    async ensure(client: WebClient, teamId: string, userId: string): Promise<Member> {
      const known = await workspaces.findMember(teamId, userId);
      if (known && known.tz !== null) return known;
      await workspaces.upsertWorkspace(teamId);
      const profile = await fetchMemberProfile(client, userId);
      return workspaces.saveMemberProfile(teamId, userId, profile);
    },
  };
}

export type MemberDirectory = ReturnType<typeof createMemberDirectory>;
