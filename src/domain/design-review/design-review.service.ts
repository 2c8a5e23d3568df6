import { DomainError } from '../errors.ts';
import type { StepTiming } from '../rituals/occurrence-steps.ts';
import { localDateOf } from '../schedules/index.ts';
import {
  DEFAULT_SESSION_MINUTES,
  PRESENTER_DM_KIND,
  presenterDmKey,
  type Session,
  validateTopic,
} from './design-review.ts';
import { type ProjectedSession, pickPresenter, projectRotation } from './rotation.ts';
import { type DesignReviewDeps, designReviewKit, dm } from './service-kit.ts';

export type { DesignReviewRepositories } from './service-kit.ts';

/**
 * The bi-weekly design review (docs/product/rituals.md): the opt-in rotation, each session's
 * presenter (picked once, under a lock on the occurrence; swaps are swap.service.ts), the topic,
 * attendance, and the completed event the feedback feature turns into asks. Every DM
 * goes through the outbox, written in the same transaction as the decision it announces.
 */
export function createDesignReviewService(deps: DesignReviewDeps) {
  const { availableOn, withMessages, openSession } = designReviewKit(deps);

  const service = {
    async join(teamId: string, userId: string): Promise<void> {
      const since = await deps.reviews.membership(teamId, userId);
      if (since) {
        throw new DomainError(
          'review_membership',
          `You are already in the design-review rotation (since ${since.toISOString().slice(0, 10)}), so nothing changed.`,
        );
      }
      await deps.reviews.join(teamId, userId, deps.clock.now());
    },

    async leave(teamId: string, userId: string): Promise<void> {
      if (!(await deps.reviews.membership(teamId, userId))) {
        throw new DomainError(
          'review_membership',
          'You are not in the design-review rotation, so nothing changed.',
        );
      }
      const today = deps.clock.now().toISOString().slice(0, 10);
      const presenting = (await deps.reviews.upcoming(teamId, today)).find((s) => s.presenterId === userId);
      if (presenting) {
        throw new DomainError(
          'review_membership',
          `You present at the design review of ${presenting.date}. Ask the next person to swap (the button in your presenter DM) first; nothing changed.`,
        );
      }
      await deps.reviews.leave(teamId, userId);
    },

    /**
     * The session of an occurrence, with its presenter picked by the rotation if it has none yet
     * (the presenter step, the session post and `ritual run` may all ask first; one decides).
     */
    async ensureSession(timing: StepTiming): Promise<Session> {
      const { occurrence, ritual } = timing;
      const existing = await deps.reviews.session(occurrence.id);
      if (existing) return existing;
      const date = localDateOf(timing.startsAt, timing.zone);
      const rotation = await deps.reviews.rotation(occurrence.teamId);
      const available = await availableOn(
        occurrence.teamId,
        rotation.map((m) => m.userId),
      );
      const presenterId = pickPresenter(rotation, (userId) => available(userId, date)) ?? null;
      return deps.uow.run(async (r) => {
        await r.reviews.lock(occurrence.id);
        return r.reviews.createSession({
          occurrenceId: occurrence.id,
          teamId: occurrence.teamId,
          ritualId: ritual.id,
          date,
          startsAt: timing.startsAt,
          endsAt: new Date(timing.startsAt.getTime() + DEFAULT_SESSION_MINUTES * 60_000),
          presenterId,
        });
      });
    },

    /** The presenter step: the session's presenter is picked and told (their DM, once). */
    async notifyPresenter(timing: StepTiming): Promise<{ skip?: string }> {
      const session = await service.ensureSession(timing);
      if (!session.presenterId) return { skip: 'no_presenter' };
      const presenter = session.presenterId;
      const key = presenterDmKey(session.occurrenceId, presenter);
      await withMessages(async (_r, send) => {
        send(
          dm(
            session.teamId,
            presenter,
            key,
            PRESENTER_DM_KIND,
            { occurrenceId: session.occurrenceId },
            deps.clock.now(),
            session.occurrenceId,
          ),
        );
      });
      return {};
    },

    async setTopic(occurrenceId: string, teamId: string, userId: string, text: string): Promise<Session> {
      const topic = validateTopic(text);
      const session = await openSession(occurrenceId, teamId);
      if (session.presenterId !== userId) {
        throw new DomainError('review_not_allowed', 'Only the presenter of this session can set its topic.');
      }
      await deps.reviews.setTopic(occurrenceId, topic);
      return { ...session, topic };
    },

    /** "I'm attending": recorded once per member; the presenter is not an attendee. */
    async attend(
      occurrenceId: string,
      teamId: string,
      userId: string,
    ): Promise<{ session: Session; already: boolean }> {
      const session = await openSession(occurrenceId, teamId);
      if (session.presenterId === userId) {
        throw new DomainError(
          'review_not_allowed',
          'You are presenting this session, so you are there already.',
        );
      }
      const added = await deps.reviews.attend(session, userId);
      return { session, already: !added };
    },

    /**
     * The session's end (the completion step): its completed event is stored with the presenter
     * and attendees, and their activity recorded. Done once; a second call changes nothing.
     */
    async complete(occurrenceId: string): Promise<{ skip?: string }> {
      const now = deps.clock.now();
      return deps.uow.run(async (r) => {
        await r.reviews.lock(occurrenceId);
        const session = await r.reviews.session(occurrenceId);
        if (!session) return { skip: 'no_session' };
        if (session.status === 'completed') return { skip: 'already_completed' };
        const attendees = (await r.reviews.attendees(occurrenceId)).filter((u) => u !== session.presenterId);
        await r.reviews.complete(occurrenceId, attendees, now);
        const base = { teamId: session.teamId, occurredAt: now };
        await r.activity.record([
          ...(session.presenterId
            ? [
                {
                  ...base,
                  userId: session.presenterId,
                  kind: 'review.presented' as const,
                  sourceKey: `review:${occurrenceId}:presented`,
                },
              ]
            : []),
          ...attendees.map((userId) => ({
            ...base,
            userId,
            kind: 'review.attended' as const,
            sourceKey: `review:${occurrenceId}:attended:${userId}`,
          })),
        ]);
        return {};
      });
    },

    /** The next sessions (dates from the ritual's cadence) with their presenters, decided or projected. */
    async upcoming(teamId: string, dates: readonly string[]): Promise<ProjectedSession[]> {
      if (dates.length === 0) return [];
      const [assigned, rotation] = await Promise.all([
        deps.reviews.upcoming(teamId, dates[0] ?? ''),
        deps.reviews.rotation(teamId),
      ]);
      const byDate = new Map(assigned.map((s) => [s.date, s.presenterId]));
      const available = await availableOn(
        teamId,
        rotation.map((m) => m.userId),
      );
      return projectRotation(
        rotation,
        dates.map((date) => (byDate.has(date) ? { date, presenter: byDate.get(date) ?? null } : { date })),
        available,
      );
    },
  };
  return service;
}

export type DesignReviewService = ReturnType<typeof createDesignReviewService>;
