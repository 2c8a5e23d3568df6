import type { Clock } from '../../../domain/clock.ts';
import type { DigestService } from '../../../domain/learning-hour/digest.service.ts';
import type { SummaryRepository } from '../../../domain/learning-hour/summary.repository.ts';
import type { SummaryService } from '../../../domain/learning-hour/summary.service.ts';
import type { CalendarRepository } from '../../../domain/rituals/calendar.repository.ts';
import type { RitualRepository } from '../../../domain/rituals/ritual.repository.ts';
import type { StepRepository } from '../../../domain/rituals/step.repository.ts';
import type { WorkspaceRepository } from '../../../domain/workspaces/workspace.repository.ts';
import type { Logger } from '../../../ops/logger.ts';
import type { HomeRefresher } from '../../kit/feature.ts';
import type { SubmissionGuard } from '../../kit/form.ts';
import type { MemberResolver } from '../../kit/member.ts';

/** What the learning-hour listeners and its ritual type use (never the whole container). */
export interface LearningHourEdge {
  logger: Logger;
  clock: Clock;
  workspaces: WorkspaceRepository;
  resolver: MemberResolver;
  guard: SubmissionGuard;
  home: HomeRefresher;
  rituals: RitualRepository;
  calendar: CalendarRepository;
  steps: StepRepository;
  summaries: SummaryRepository;
  summaryService: SummaryService;
  digests: DigestService;
}

/** How a member is named in the thread and the digest: written out, never a mention. */
export async function namesOf(
  workspaces: WorkspaceRepository,
  teamId: string,
  userIds: readonly string[],
): Promise<Map<string, string>> {
  const members = await workspaces.findMembers(teamId, userIds);
  const names = new Map(members.map((m) => [m.userId, m.realName || m.displayName || 'a teammate']));
  for (const id of userIds) if (!names.has(id)) names.set(id, 'a teammate');
  return names;
}
