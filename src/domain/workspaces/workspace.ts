/** A Slack workspace that installed careerplan, and the people in it. */
export interface Workspace {
  teamId: string;
  name: string | null;
  defaultTz: string;
}

export interface Member {
  teamId: string;
  userId: string;
  displayName: string;
  realName: string;
  /** IANA zone from Slack's profile; null until we have read it. */
  tz: string | null;
  isAdmin: boolean;
  isOwner: boolean;
  isBot: boolean;
  isDeleted: boolean;
  /**
   * The workspace Slack says the person belongs to (user.team_id): another one for a Slack
   * Connect guest. Null or absent when Slack did not say.
   */
  homeTeamId?: string | null;
}

/** What we read from Slack's users.info, translated out of Slack's shape by slack-api/member-profiles.ts. */
export type MemberProfile = Omit<Member, 'teamId' | 'userId'>;

/** The name to show for a member: display name, else real name, else a Slack mention. */
export function memberName(m: Pick<Member, 'displayName' | 'realName' | 'userId'>): string {
  return m.displayName || m.realName || `<@${m.userId}>`;
}

/** True when Slack says the person belongs to another workspace than `teamId` (Slack Connect). */
export function isFromAnotherWorkspace(m: Pick<Member, 'homeTeamId'>, teamId: string): boolean {
  return typeof m.homeTeamId === 'string' && m.homeTeamId !== '' && m.homeTeamId !== teamId;
}

/** Workspace admins and owners may run admin subcommands (docs/product/ground-rules.md). */
export function isWorkspaceAdmin(m: Pick<Member, 'isAdmin' | 'isOwner'>): boolean {
  return m.isAdmin || m.isOwner;
}

/**
 * Who holds the installer's admin rights after someone (re-)installs careerplan (SPEC 5: the
 * installing user is an admin). The first installer keeps them: in OAuth mode any member allowed
 * to install apps can re-install, and a re-install must not be a way to take admin. Only a
 * workspace admin or owner, who could act as admin anyway, takes the role over.
 */
export function installerAfterInstall(
  current: string | null,
  installer: string,
  installerIsWorkspaceAdmin: boolean,
): string {
  if (current === null || installerIsWorkspaceAdmin) return installer;
  return current;
}
