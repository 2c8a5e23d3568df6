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
}

/** What we read from Slack's users.info, already translated out of Slack's shape by the edge. */
export type MemberProfile = Omit<Member, 'teamId' | 'userId'>;

/** The name to show for a member: display name, else real name, else a Slack mention. */
export function memberName(m: Pick<Member, 'displayName' | 'realName' | 'userId'>): string {
  return m.displayName || m.realName || `<@${m.userId}>`;
}

/** Workspace admins and owners may run admin subcommands (SPEC 5). */
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
