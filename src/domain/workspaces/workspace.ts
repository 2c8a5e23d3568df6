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

/** What we read from Slack's users.info, translated out of Slack's shape by slack-api/member-profiles.ts. */
export type MemberProfile = Omit<Member, 'teamId' | 'userId'>;

/** The name to show for a member: display name, else real name, else a Slack mention. */
export function memberName(m: Pick<Member, 'displayName' | 'realName' | 'userId'>): string {
  return m.displayName || m.realName || `<@${m.userId}>`;
}

/** Workspace admins and owners may run admin subcommands (docs/product/ground-rules.md). */
export function isWorkspaceAdmin(m: Pick<Member, 'isAdmin' | 'isOwner'>): boolean {
  return m.isAdmin || m.isOwner;
}
