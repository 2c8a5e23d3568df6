import type { Clock } from '../../../domain/clock.ts';
import type { ContributionService } from '../../../domain/portfolio/contribution.service.ts';
import type { PortfolioRepository } from '../../../domain/portfolio/portfolio.repository.ts';
import type { CalendarRepository } from '../../../domain/rituals/calendar.repository.ts';
import type { OccurrenceRepository } from '../../../domain/rituals/occurrence.repository.ts';
import type { RitualRepository } from '../../../domain/rituals/ritual.repository.ts';
import type { RitualTypes } from '../../../domain/rituals/ritual-types.ts';
import type { WorkspaceRepository } from '../../../domain/workspaces/workspace.repository.ts';
import type { Logger } from '../../../ops/logger.ts';
import type { Outbox } from '../../../outbox/outbox.ts';
import type { MemberDirectory } from '../../../slack-api/member-directory.ts';
import type { HomeRefresher, RitualTypeEdge } from '../../kit/feature.ts';
import type { SubmissionGuard } from '../../kit/form.ts';
import type { MemberResolver } from '../../kit/member.ts';

/** What the ritual listeners use (never the whole container). */
export interface RitualEdge {
  logger: Logger;
  clock: Clock;
  workspaces: WorkspaceRepository;
  members: MemberDirectory;
  resolver: MemberResolver;
  guard: SubmissionGuard;
  home: HomeRefresher;
  rituals: RitualRepository;
  calendar: CalendarRepository;
  occurrences: OccurrenceRepository;
  portfolio: PortfolioRepository;
  contributions: ContributionService;
  outbox: Outbox;
  /** The registered ritual types (domain) and their Slack side, by name. */
  types: RitualTypes;
  typeEdges(): ReadonlyMap<string, RitualTypeEdge>;
}
