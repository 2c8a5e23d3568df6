import type { WebClient } from '@slack/web-api';
import { DomainError } from '../domain/errors.ts';
import type { WorkspaceRepository } from '../domain/workspaces/workspace.repository.ts';
import { isWorkspaceAdmin } from '../domain/workspaces/workspace.ts';
import type { MemberDirectory } from './member-directory.ts';

/**
 * Admin-only actions (SPEC 5): workspace admins and owners, and the person who installed the app.
 * Everyone else gets a clear refusal naming who can do it.
 */
export async function requireAdmin(
  deps: { members: MemberDirectory; workspaces: WorkspaceRepository },
  client: WebClient,
  teamId: string,
  userId: string,
  what: string,
): Promise<void> {
  const member = await deps.members.ensure(client, teamId, userId);
  if (isWorkspaceAdmin(member)) return;
  if ((await deps.workspaces.installerOf(teamId)) === userId) return;
  throw new DomainError('admin_only', `Only workspace admins (or whoever installed careerplan) can ${what}.`);
}
