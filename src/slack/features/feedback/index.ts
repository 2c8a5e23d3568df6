import type { App, BlockButtonAction } from '@slack/bolt';
import { unitOfWork } from '../../../db/unit-of-work.ts';
import type { Deps } from '../../../deps.ts';
import { createActivityRepository } from '../../../domain/activity/activity.repository.ts';
import { createConversationRepository } from '../../../domain/feedback/conversation.repository.ts';
import { createConversationService } from '../../../domain/feedback/conversation.service.ts';
import { createFeedbackRepository } from '../../../domain/feedback/feedback.repository.ts';
import { createFeedbackService, type FeedbackDirectory } from '../../../domain/feedback/feedback.service.ts';
import { createFeedbackViews } from '../../../domain/feedback/feedback-views.ts';
import {
  createReviewAskService,
  type ReviewAskService,
} from '../../../domain/feedback/review-asks.service.ts';
import { createOutboxRepository } from '../../../outbox/outbox.repository.ts';
import type { Shell, SlackFeature } from '../../kit/feature.ts';
import { answerButton, conversationHeldButton, declineButton, openRequestButton } from './actions/buttons.ts';
import { feedbackCommand } from './commands/feedback.ts';
import { managerCommand } from './commands/manager.ts';
import type { FeedbackEdge } from './context.ts';
import { feedbackHomeSection } from './home-section.ts';
import { FEEDBACK_ACTIONS, FEEDBACK_VIEWS } from './ids.ts';
import { feedbackJobs } from './jobs.ts';
import { feedbackOutboxKinds } from './outbox-kinds.ts';
import { answerSubmitted, declineSubmitted, requestSubmitted } from './views/submissions.ts';

/**
 * Feedback (docs/product/feedback.md): peers asked one specific question by DM, answers (anonymous
 * if the requester chose so) with the requester told, one reminder and a summary at the close;
 * asks after each design review; managers and the periodic feedback conversation.
 */
export function createFeedbackFeature(
  edge: FeedbackEdge,
  extra: { reviewAsks: ReviewAskService },
): SlackFeature {
  return {
    name: 'feedback',
    subcommands: { feedback: feedbackCommand(edge), manager: managerCommand(edge) },
    help: [
      {
        name: 'feedback',
        summary:
          'ask peers a specific question by DM; no arguments opens a form (anonymous answers, due date)',
        example: '/careerplan feedback @ana @raj How clear was the rollout plan in my design doc?',
      },
      {
        name: 'manager',
        summary: 'who your manager is, for the periodic feedback conversation (admins: `manager every 3`)',
        example: '/careerplan manager @lee',
      },
    ],
    homeSections: [feedbackHomeSection(edge)],
    jobs: feedbackJobs({
      reviewAsks: extra.reviewAsks,
      conversations: edge.conversations,
      logger: edge.logger,
    }),
    register(app: App) {
      app.action<BlockButtonAction>(FEEDBACK_ACTIONS.answer, answerButton(edge));
      app.action<BlockButtonAction>(FEEDBACK_ACTIONS.decline, declineButton(edge));
      app.action<BlockButtonAction>(FEEDBACK_ACTIONS.openRequest, openRequestButton(edge));
      app.action<BlockButtonAction>(FEEDBACK_ACTIONS.conversationHeld, conversationHeldButton(edge));
      app.view(FEEDBACK_VIEWS.request, requestSubmitted(edge));
      app.view(FEEDBACK_VIEWS.answer, answerSubmitted(edge));
      app.view(FEEDBACK_VIEWS.decline, declineSubmitted(edge));
    },
    async erase({ teamId, userId }) {
      return {
        ...(await edge.requests.eraseMember(teamId, userId)),
        ...(await edge.conversations.eraseMember(teamId, userId)),
      };
    },
  };
}

/** The feedback feature, wired from the container (feature-list.ts names it). */
export function feedbackFeature(deps: Deps, shell: Shell): SlackFeature {
  const repositories = unitOfWork(deps.db, (trx) => ({
    feedback: createFeedbackRepository(trx),
    conversations: createConversationRepository(trx),
    activity: createActivityRepository(trx),
    outbox: createOutboxRepository(trx),
  }));
  const read = createFeedbackRepository(deps.db);
  const conversationsRead = createConversationRepository(deps.db);
  const directory: FeedbackDirectory = {
    teamCalendar: (teamId) => deps.calendar.teamCalendar(teamId),
    findMember: (teamId, userId) => deps.workspaces.findMember(teamId, userId),
  };
  // Rows are stored in the request's transaction; their timers are armed once it committed
  // (reconcile re-arms any a crash in between left unarmed), exactly as outbox.enqueue does.
  const arm = (rows: Parameters<Deps['timers']['deliver']>[0]) => deps.timers.deliver(rows);
  const common = { arm, clock: deps.clock, directory };
  const views = createFeedbackViews({ read, clock: deps.clock });
  const conversations = createConversationService({
    ...common,
    uow: repositories,
    read: conversationsRead,
    installedOnly: deps.config.auth.mode === 'oauth',
  });
  const feature = createFeedbackFeature(
    {
      logger: deps.logger,
      clock: deps.clock,
      members: deps.members,
      workspaces: deps.workspaces,
      resolver: shell.resolver,
      guard: shell.guard,
      home: shell.home,
      requests: createFeedbackService({ ...common, uow: repositories, read }),
      views,
      conversations,
      plans: deps.plans,
    },
    { reviewAsks: createReviewAskService({ ...common, uow: repositories, events: deps.activity }) },
  );
  return { ...feature, outboxKinds: feedbackOutboxKinds({ views, conversations: conversationsRead }) };
}
