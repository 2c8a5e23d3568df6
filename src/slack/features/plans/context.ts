import type { WebClient } from '@slack/web-api';
import type { Clock } from '../../../domain/clock.ts';
import type { PlanServices } from '../../../domain/plans/plan.service.ts';
import type { PlanOwner } from '../../../domain/plans/records.ts';
import type { WorkspaceRepository } from '../../../domain/workspaces/workspace.repository.ts';
import type { Logger } from '../../../ops/logger.ts';
import type { HomeRefresher } from '../../kit/feature.ts';
import type { SubmissionGuard } from '../../kit/form.ts';
import type { MemberResolver } from '../../kit/member.ts';

/** What the career-plan listeners use: the plan services and the edge ports around them. */
export interface PlanEdge {
  plans: PlanServices;
  workspaces: WorkspaceRepository;
  clock: Clock;
  logger: Logger;
  resolver: MemberResolver;
  home: HomeRefresher;
  guard: SubmissionGuard;
}

/** The member behind a request and their plan key; quarters and "today" use their zone. */
export async function memberFor(edge: PlanEdge, client: WebClient, teamId: string, userId: string) {
  const { member, tz } = await edge.resolver.resolve(client, teamId, userId);
  const owner: PlanOwner = { teamId: member.teamId, userId: member.userId, tz };
  return { member, owner };
}

/** Republishes the member's App Home after their plan changed (failures are logged only). */
export function refreshHome(
  edge: PlanEdge,
  client: WebClient,
  teamId: string,
  userId: string,
): Promise<void> {
  return edge.home.refresh(client, teamId, userId);
}
