import type { WebClient } from '@slack/web-api';
import type { PlanOwner } from '../../../domain/plans/records.ts';
import type { PortfolioService } from '../../../domain/portfolio/portfolio.service.ts';
import { memberName } from '../../../domain/workspaces/workspace.ts';
import type { Logger } from '../../../ops/logger.ts';
import type { HomeRefresher } from '../../kit/feature.ts';
import type { SubmissionGuard } from '../../kit/form.ts';
import type { MemberResolver } from '../../kit/member.ts';

/** What the portfolio listeners use (never the whole container). */
export interface PortfolioEdge {
  portfolio: PortfolioService;
  logger: Logger;
  resolver: MemberResolver;
  home: HomeRefresher;
  guard: SubmissionGuard;
}

/** The member behind a request, with the zone their dates are in. */
export async function ownerFor(
  edge: PortfolioEdge,
  client: WebClient,
  teamId: string,
  userId: string,
): Promise<{ owner: PlanOwner; name: string }> {
  const { member, tz } = await edge.resolver.resolve(client, teamId, userId);
  return {
    owner: { teamId: member.teamId, userId: member.userId, tz },
    name: memberName(member),
  };
}
