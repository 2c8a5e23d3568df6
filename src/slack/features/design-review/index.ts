import type { App, BlockButtonAction } from '@slack/bolt';
import { unitOfWork } from '../../../db/unit-of-work.ts';
import type { Deps } from '../../../deps.ts';
import { createActivityRepository } from '../../../domain/activity/activity.repository.ts';
import { createDesignReviewRepository } from '../../../domain/design-review/design-review.repository.ts';
import { createDesignReviewService } from '../../../domain/design-review/design-review.service.ts';
import type { DesignReviewDeps } from '../../../domain/design-review/service-kit.ts';
import { createSwapService } from '../../../domain/design-review/swap.service.ts';
import { createOutboxRepository } from '../../../outbox/outbox.repository.ts';
import type { Shell, SlackFeature } from '../../kit/feature.ts';
import { answerSwapAction, askSwapAction, attendAction, setTopicAction } from './actions/session-buttons.ts';
import { reviewCommand } from './commands/review.ts';
import type { DesignReviewEdge } from './context.ts';
import { DESIGN_REVIEW_ACTIONS, DESIGN_REVIEW_VIEWS } from './ids.ts';
import { designReviewOutboxKinds } from './outbox-kinds.ts';
import { designReviewRitual } from './ritual-type.ts';
import { topicSubmitted } from './views/topic.ts';

/**
 * The bi-weekly design review (docs/product/rituals.md): its ritual type on the engine (presenter
 * DM three work days ahead, the session post, the completed event), `/careerplan review
 * [join|leave]`, the presenter's topic and swap buttons, and "I'm attending".
 */
export function createDesignReviewFeature(edge: DesignReviewEdge): SlackFeature {
  return {
    name: 'design-review',
    subcommands: { review: reviewCommand(edge) },
    help: [
      {
        name: 'review',
        summary: 'the design-review rotation: next dates and presenters; `join` or `leave` it',
        example: '/careerplan review join',
      },
    ],
    ritualTypes: [designReviewRitual(edge)],
    outboxKinds: designReviewOutboxKinds(edge),
    register(app: App) {
      app.action<BlockButtonAction>(DESIGN_REVIEW_ACTIONS.attend, attendAction(edge));
      app.action<BlockButtonAction>(DESIGN_REVIEW_ACTIONS.setTopic, setTopicAction(edge));
      app.action<BlockButtonAction>(DESIGN_REVIEW_ACTIONS.askSwap, askSwapAction(edge));
      app.action<BlockButtonAction>(DESIGN_REVIEW_ACTIONS.acceptSwap, answerSwapAction(edge, true));
      app.action<BlockButtonAction>(DESIGN_REVIEW_ACTIONS.declineSwap, answerSwapAction(edge, false));
      app.view(DESIGN_REVIEW_VIEWS.topic, topicSubmitted(edge));
    },
    erase: ({ teamId, userId }) => edge.reviews.eraseMember(teamId, userId),
  };
}

/** The design-review feature, wired from the container (feature-list.ts names it). */
export function designReviewFeature(deps: Deps, shell: Shell): SlackFeature {
  const reviews = createDesignReviewRepository(deps.db);
  const services: DesignReviewDeps = {
    uow: unitOfWork(deps.db, (trx) => ({
      reviews: createDesignReviewRepository(trx),
      activity: createActivityRepository(trx),
      outbox: createOutboxRepository(trx),
    })),
    reviews,
    availability: (teamId, userIds) => deps.calendar.availability(teamId, userIds),
    arm: (messages) => deps.outbox.enqueue(messages),
    clock: deps.clock,
  };
  return createDesignReviewFeature({
    logger: deps.logger,
    clock: deps.clock,
    workspaces: deps.workspaces,
    resolver: shell.resolver,
    guard: shell.guard,
    home: shell.home,
    rituals: deps.rituals,
    calendar: deps.calendar,
    occurrences: deps.occurrences,
    outboxRepository: deps.outboxRepository,
    reviews,
    service: createDesignReviewService(services),
    swaps: createSwapService(services),
  });
}
