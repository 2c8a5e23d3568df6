import type { WebClient } from '@slack/web-api';
import type { Deps } from '../../../deps.ts';
import type { PlanServices } from '../../../domain/plans/plan.service.ts';
import type { PlanOwner } from '../../../domain/plans/records.ts';
import type { Member } from '../../../domain/workspaces/workspace.ts';
import { publishHome } from '../core/events/app-home-opened.ts';

/** What the career-plan listeners use: the plan services and the edge services around them. */
export type PlanEdge = Pick<Deps, 'members' | 'workspaces' | 'clock' | 'logger'> & { plans: PlanServices };

/** The member's plan key; quarters and "today" use their Slack time zone (UTC when unknown). */
export function ownerOf(member: Member): PlanOwner {
  return { teamId: member.teamId, userId: member.userId, tz: member.tz ?? 'UTC' };
}

/** The member behind a request (read from Slack once, then from Postgres). */
export async function memberFor(edge: PlanEdge, client: WebClient, teamId: string, userId: string) {
  const member = await edge.members.ensure(client, teamId, userId);
  return { member, owner: ownerOf(member) };
}

/**
 * Republishes the member's App Home after their plan changed. The change is already stored, so
 * a failure here is logged, not shown: the next app_home_opened repairs the view.
 */
export async function refreshHome(
  edge: PlanEdge,
  client: WebClient,
  teamId: string,
  userId: string,
): Promise<void> {
  try {
    await publishHome(edge, client, teamId, userId);
  } catch (error) {
    edge.logger.warn({ err: error, team: teamId }, 'could not republish App Home');
  }
}
