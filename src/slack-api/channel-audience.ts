import type { WebClient } from '@slack/web-api';
import type { WorkspaceRepository } from '../domain/workspaces/workspace.repository.ts';
import type { Member, MemberProfile } from '../domain/workspaces/workspace.ts';
import {
  fetchTeamMemberProfile,
  isFromOtherTeam,
  profileFromSlackUser,
  type SlackUser,
} from './member-profiles.ts';

/** Every member id of a channel (conversations.members, all pages). */
export async function channelMemberIds(client: WebClient, channelId: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.conversations.members({
      channel: channelId,
      limit: 1000,
      ...(cursor ? { cursor } : {}),
    });
    ids.push(...(page.members ?? []));
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return ids;
}

/** Above this many unknown people, one paginated users.list is cheaper than users.info each. */
const USERS_LIST_THRESHOLD = 20;

/**
 * The stored profiles of these users, reading from Slack the ones we do not know yet (bots and
 * deactivated users included, so the caller can leave them out). People from other workspaces
 * (Slack Connect members of a shared channel) are left out and never stored: they are not this
 * team's members and must not get its reminders.
 */
export async function profilesOf(
  client: WebClient,
  workspaces: WorkspaceRepository,
  teamId: string,
  userIds: readonly string[],
): Promise<Member[]> {
  const known = await workspaces.findMembers(teamId, userIds);
  const knownIds = new Set(known.map((m) => m.userId));
  const unknown = userIds.filter((id) => !knownIds.has(id));
  if (unknown.length === 0) return known;
  await workspaces.upsertWorkspace(teamId);
  const wanted = new Set(unknown);
  const found: Member[] = [];
  if (unknown.length > USERS_LIST_THRESHOLD) {
    let cursor: string | undefined;
    do {
      const page = await client.users.list({ limit: 200, ...(cursor ? { cursor } : {}) });
      const profiles: Array<{ userId: string; profile: MemberProfile }> = [];
      for (const user of (page.members ?? []) as SlackUser[]) {
        if (user.id && wanted.has(user.id) && !isFromOtherTeam(user, teamId)) {
          profiles.push({ userId: user.id, profile: profileFromSlackUser(user) });
        }
      }
      // One statement per page: a thousand-member channel's first fan-out is 5 writes, not 1,000.
      if (profiles.length > 0) found.push(...(await workspaces.saveMemberProfiles(teamId, profiles)));
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
  } else {
    for (const userId of unknown) {
      const profile = await fetchTeamMemberProfile(client, teamId, userId);
      if (profile) found.push(await workspaces.saveMemberProfile(teamId, userId, profile));
    }
  }
  return [...known, ...found];
}
