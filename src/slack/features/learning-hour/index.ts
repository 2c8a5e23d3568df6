import type { App, BlockButtonAction } from '@slack/bolt';
import { z } from 'zod';
import { unitOfWork } from '../../../db/unit-of-work.ts';
import type { Deps } from '../../../deps.ts';
import { createActivityRepository } from '../../../domain/activity/activity.repository.ts';
import { DomainError } from '../../../domain/errors.ts';
import { createDigestService } from '../../../domain/learning-hour/digest.service.ts';
import { createSummaryRepository } from '../../../domain/learning-hour/summary.repository.ts';
import { createSummaryService } from '../../../domain/learning-hour/summary.service.ts';
import { PermanentJobError } from '../../../jobs/errors.ts';
import { createOutboxRepository } from '../../../outbox/outbox.repository.ts';
import type { Shell, SlackFeature } from '../../kit/feature.ts';
import { openSummaryForm } from './actions/post-summary.ts';
import { composeDigest } from './blocks/digest.ts';
import { summaryCommand } from './commands/summary.ts';
import { type LearningHourEdge, namesOf } from './context.ts';
import { threadReplies } from './events/thread-replies.ts';
import { LEARNING_HOUR_ACTIONS, LEARNING_HOUR_VIEWS } from './ids.ts';
import { learningHourOutboxKinds } from './outbox-kinds.ts';
import { learningHourRitual } from './ritual-type.ts';
import { summarySubmitted } from './views/summary.ts';

/**
 * The weekly learning hour (docs/product/rituals.md): its ritual type on the engine (the week's
 * thread, reminders to members who have not contributed, the digest), `/careerplan summary`, the
 * summary form, thread replies captured from message events, and its outbox kinds.
 */
export function createLearningHourFeature(edge: LearningHourEdge): SlackFeature {
  return {
    name: 'learning-hour',
    subcommands: { summary: summaryCommand(edge) },
    help: [
      {
        name: 'summary',
        summary: "this week's learning summary, posted in the learning-hour thread (no text: a form)",
        example: '/careerplan summary Learned how Postgres picks a join order',
      },
    ],
    ritualTypes: [learningHourRitual(edge)],
    outboxKinds: learningHourOutboxKinds(edge),
    jobs: {
      // "Post the digest now" for operators (POST /api/tasks, kind post-digest): the same path as
      // `/careerplan ritual digest learning-hour`, composed once and sent through the outbox.
      'post-digest': {
        schema: postDigestData,
        async run(data) {
          try {
            await edge.digests.postNow(postDigestData.parse(data).teamId);
          } catch (error) {
            // "No thread yet" and "already posted" will not change on a retry: fail at once, with
            // the reason the operator reads in GET /api/tasks/:id.
            if (error instanceof DomainError) throw new PermanentJobError(error.code, error.message);
            throw error;
          }
        },
      },
    },
    register(app: App) {
      for (const id of Object.values(LEARNING_HOUR_ACTIONS)) {
        app.action<BlockButtonAction>(id, openSummaryForm(edge));
      }
      app.view(LEARNING_HOUR_VIEWS.summary, summarySubmitted(edge));
      app.event('message', threadReplies(edge));
    },
    async erase({ teamId, userId }) {
      return { summaries: await edge.summaries.eraseMember(teamId, userId) };
    },
  };
}

const postDigestData = z.object({ teamId: z.string().regex(/^[TE][A-Z0-9]+$/) });

/** The learning-hour feature, wired from the container (feature-list.ts names it). */
export function learningHourFeature(deps: Deps, shell: Shell): SlackFeature {
  const summaries = createSummaryRepository(deps.db);
  const summaryService = createSummaryService({
    uow: unitOfWork(deps.db, (trx) => ({
      summaries: createSummaryRepository(trx),
      activity: createActivityRepository(trx),
      outbox: createOutboxRepository(trx),
    })),
    weeks: summaries,
    findReminder: deps.outboxRepository.find,
    arm: (messages) => deps.outbox.enqueue(messages),
    clock: deps.clock,
  });
  const digests = createDigestService({
    uow: unitOfWork(deps.db, (trx) => ({
      summaries: createSummaryRepository(trx),
      outbox: createOutboxRepository(trx),
    })),
    weeks: summaries,
    async compose(week, people) {
      const names = await namesOf(
        deps.workspaces,
        week.teamId,
        people.map((p) => p.userId),
      );
      return composeDigest(week, people, names);
    },
    arm: (messages) => deps.outbox.enqueue(messages),
    clock: deps.clock,
  });
  return createLearningHourFeature({
    logger: deps.logger,
    clock: deps.clock,
    workspaces: deps.workspaces,
    resolver: shell.resolver,
    guard: shell.guard,
    home: shell.home,
    rituals: deps.rituals,
    calendar: deps.calendar,
    steps: deps.steps,
    summaries,
    summaryService,
    digests,
  });
}
