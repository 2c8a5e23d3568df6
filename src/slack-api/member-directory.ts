import type { WebClient } from '@slack/web-api';
import { DomainError } from '../domain/errors.ts';
import type { WorkspaceRepository } from '../domain/workspaces/workspace.repository.ts';
import type { Member } from '../domain/workspaces/workspace.ts';
import { fetchTeamMemberProfile } from './member-profiles.ts';

/**
 * The member behind a Slack request. Known members come from Postgres; a member we have never
 * seen (or whose time zone we do not know yet) is read from users.info once and stored. The
 * daily refresh job and `user_change` events keep stored profiles current.
 *
 * Someone from another workspace (a Slack Connect guest in a shared channel) is not stored as a
 * member of this one: every row belongs to its team, and their plans live in their own workspace.
 */
export function createMemberDirectory(workspaces: WorkspaceRepository) {
  return {
    async ensure(client: WebClient, teamId: string, userId: string): Promise<Member> {
      const known = await workspaces.findMember(teamId, userId);
      if (known && known.tz !== null) return known;
      const profile = await fetchTeamMemberProfile(client, teamId, userId);
      if (!profile) {
        throw new DomainError(
          'external_user',
          'careerplan keeps each workspace’s plans to its own members, and you are joining from another organisation here. Use careerplan from your own workspace.',
        );
      }
      await workspaces.upsertWorkspace(teamId);
      return workspaces.saveMemberProfile(teamId, userId, profile);
    },
  };
}

export type MemberDirectory = ReturnType<typeof createMemberDirectory>;
