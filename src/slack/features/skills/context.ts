import type { WebClient } from '@slack/web-api';
import type { Clock } from '../../../domain/clock.ts';
import type { CalendarRepository } from '../../../domain/rituals/calendar.repository.ts';
import type { SkillServices } from '../../../domain/skills/index.ts';
import type { SkillOwner } from '../../../domain/skills/skills.service.ts';
import type { WorkspaceRepository } from '../../../domain/workspaces/workspace.repository.ts';
import type { Member } from '../../../domain/workspaces/workspace.ts';
import type { Logger } from '../../../ops/logger.ts';
import type { Outbox } from '../../../outbox/outbox.ts';
import type { HomeRefresher } from '../../kit/feature.ts';
import type { SubmissionGuard } from '../../kit/form.ts';
import type { MemberResolver } from '../../kit/member.ts';

/** What the skills listeners use (never the whole container). */
export interface SkillsEdge {
  services: SkillServices;
  calendar: CalendarRepository;
  workspaces: WorkspaceRepository;
  outbox: Outbox;
  clock: Clock;
  logger: Logger;
  resolver: MemberResolver;
  home: HomeRefresher;
  guard: SubmissionGuard;
}

/** The member behind a request, with their zone (their Slack zone, else the team's). */
export async function ownerFor(
  edge: SkillsEdge,
  client: WebClient,
  teamId: string,
  userId: string,
): Promise<{ owner: SkillOwner; member: Member }> {
  const { member, tz } = await edge.resolver.resolve(client, teamId, userId);
  return { owner: { teamId: member.teamId, userId: member.userId, tz }, member };
}
