import type { Clock } from '../../../domain/clock.ts';
import type { ConversationService } from '../../../domain/feedback/conversation.service.ts';
import type { FeedbackService } from '../../../domain/feedback/feedback.service.ts';
import type { FeedbackViews } from '../../../domain/feedback/feedback-views.ts';
import type { PlanServices } from '../../../domain/plans/plan.service.ts';
import type { WorkspaceRepository } from '../../../domain/workspaces/workspace.repository.ts';
import type { Logger } from '../../../ops/logger.ts';
import type { MemberDirectory } from '../../../slack-api/member-directory.ts';
import type { HomeRefresher } from '../../kit/feature.ts';
import type { SubmissionGuard } from '../../kit/form.ts';
import type { MemberResolver } from '../../kit/member.ts';

/** What the feedback listeners use (never the whole container). */
export interface FeedbackEdge {
  logger: Logger;
  clock: Clock;
  members: MemberDirectory;
  workspaces: WorkspaceRepository;
  resolver: MemberResolver;
  guard: SubmissionGuard;
  home: HomeRefresher;
  requests: FeedbackService;
  views: FeedbackViews;
  conversations: ConversationService;
  /** The requester's key results, offered as what a question is about. */
  plans: Pick<PlanServices, 'okrs'>;
}
