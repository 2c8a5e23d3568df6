import type { WebClient } from '@slack/web-api';
import { DomainError } from '../../domain/errors.ts';
import type { WorkspaceRepository } from '../../domain/workspaces/workspace.repository.ts';
import { isWorkspaceAdmin, type Member } from '../../domain/workspaces/workspace.ts';
import type { MemberDirectory } from '../../slack-api/member-directory.ts';

/**
 * Admin = workspace admin or owner, or the person who installed careerplan
 * (docs/product/ground-rules.md).
 */
export async function isAdmin(workspaces: WorkspaceRepository, member: Member): Promise<boolean> {
  if (isWorkspaceAdmin(member)) return true;
  return (await workspaces.installerOf(member.teamId)) === member.userId;
}

/**
 * Admin-only actions (docs/product/ground-rules.md): workspace admins and owners, and the person
 * who installed the app. Everyone else gets a clear refusal naming who can do it.
 */
export async function requireAdmin(
  deps: { members: MemberDirectory; workspaces: WorkspaceRepository },
  client: WebClient,
  teamId: string,
  userId: string,
  what: string,
): Promise<void> {
  const member = await deps.members.ensure(client, teamId, userId);
  if (await isAdmin(deps.workspaces, member)) return;
  throw new DomainError('admin_only', `Only workspace admins (or whoever installed careerplan) can ${what}.`);
}
