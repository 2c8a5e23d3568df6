import type { WebClient } from '@slack/web-api';
import type { MemberProfile } from '../domain/workspaces/workspace.ts';

/** The parts of Slack's user object careerplan reads (users.info, user_change events). */
export interface SlackUser {
  id?: string;
  team_id?: string;
  /** Set on Enterprise Grid: the organisation and the workspaces the person belongs to. */
  enterprise_user?: { enterprise_id?: string; teams?: string[] };
  name?: string;
  real_name?: string;
  tz?: string;
  is_admin?: boolean;
  is_owner?: boolean;
  is_bot?: boolean;
  deleted?: boolean;
  profile?: { display_name?: string; real_name?: string };
}

/** Slack's user object → the member profile the domain keeps. */
export function profileFromSlackUser(user: SlackUser): MemberProfile {
  return {
    displayName: user.profile?.display_name || user.name || '',
    realName: user.profile?.real_name || user.real_name || '',
    tz: user.tz || null,
    isAdmin: user.is_admin === true,
    isOwner: user.is_owner === true,
    isBot: user.is_bot === true || user.id === 'USLACKBOT',
    isDeleted: user.deleted === true,
    // On Enterprise Grid, team_id is the person's home workspace of the organisation, which says
    // nothing about whether they are in this one: left unknown, so colleagues are never refused.
    homeTeamId: user.enterprise_user ? null : user.team_id || null,
  };
}

export async function fetchMemberProfile(client: WebClient, userId: string): Promise<MemberProfile> {
  const result = await client.users.info({ user: userId });
  return profileFromSlackUser((result.user ?? {}) as SlackUser);
}

/**
 * True for a person whose home workspace is another one (Slack Connect channels, shared
 * channels): they must not be stored or reminded as a member of this team. A user object without
 * `team_id` is taken as ours (users.list only lists our own people).
 */
export function isFromOtherTeam(user: SlackUser, teamId: string): boolean {
  return user.team_id !== undefined && user.team_id !== '' && user.team_id !== teamId;
}

/** users.info for someone in `teamId`: their profile, or undefined when they belong to another team. */
export async function fetchTeamMemberProfile(
  client: WebClient,
  teamId: string,
  userId: string,
): Promise<MemberProfile | undefined> {
  const result = await client.users.info({ user: userId });
  const user = (result.user ?? {}) as SlackUser;
  return isFromOtherTeam(user, teamId) ? undefined : profileFromSlackUser(user);
}
