import type { WebClient } from '@slack/web-api';
import type { PlanOwner } from '../../../domain/plans/records.ts';
import type { PortfolioService } from '../../../domain/portfolio/portfolio.service.ts';
import type { ReadinessService } from '../../../domain/readiness/readiness.service.ts';
import type { WorkspaceRepository } from '../../../domain/workspaces/workspace.repository.ts';
import type { Logger } from '../../../ops/logger.ts';
import type { MemberDirectory } from '../../../slack-api/member-directory.ts';
import type { HomeRefresher } from '../../kit/feature.ts';
import type { SubmissionGuard } from '../../kit/form.ts';
import type { MemberResolver } from '../../kit/member.ts';

/** What the readiness listeners use. */
export interface ReadinessEdge {
  readiness: ReadinessService;
  /** The member's artifacts, to pick evidence from. */
  portfolio: Pick<PortfolioService, 'list'>;
  workspaces: WorkspaceRepository;
  members: MemberDirectory;
  logger: Logger;
  resolver: MemberResolver;
  home: HomeRefresher;
  guard: SubmissionGuard;
}

export async function ownerFor(
  edge: ReadinessEdge,
  client: WebClient,
  teamId: string,
  userId: string,
): Promise<PlanOwner> {
  const { member, tz } = await edge.resolver.resolve(client, teamId, userId);
  return { teamId: member.teamId, userId: member.userId, tz };
}
