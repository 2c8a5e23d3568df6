import {
  DEFAULT_SESSION_MINUTES,
  DESIGN_REVIEW,
  PRESENTER_NOTICE_WORK_DAYS,
} from '../../../domain/design-review/design-review.ts';
import { type StepTiming, stepTiming, workDaysBefore } from '../../../domain/rituals/occurrence-steps.ts';
import { channelPostAt, localDateOf } from '../../../domain/schedules/index.ts';
import type { RitualTypeEdge } from '../../kit/feature.ts';
import { type DesignReviewEdge, renderSessionPost } from './context.ts';

/** The step names of a session (stored with each occurrence: keep them stable). */
export const DESIGN_REVIEW_STEPS = { presenter: 'presenter', complete: 'complete' } as const;

/** Three work days before the session, at the session's time (an ad-hoc run: at once). */
export function presenterNoticeAt(t: StepTiming): Date {
  const day = workDaysBefore(localDateOf(t.startsAt, t.zone), PRESENTER_NOTICE_WORK_DAYS, t.team);
  const at = channelPostAt(day, t.ritual.localTime, t.zone);
  return new Date(Math.min(at.getTime(), t.startsAt.getTime()));
}

/**
 * The bi-weekly design review (docs/product/rituals.md) on the ritual engine: three work days
 * ahead the rotation's presenter is picked and told (a step, so occurrences are planned two weeks
 * ahead); on the day the session is posted in the channel (the engine's channel post); at its end
 * the completed event is stored (a step).
 */
export function designReviewRitual(edge: DesignReviewEdge): RitualTypeEdge {
  return {
    type: {
      name: DESIGN_REVIEW,
      title: 'Bi-weekly design review',
      description: 'a presenter rotation, the session post, and its attendance for feedback afterwards',
      cadence: { kind: 'biweekly', weekday: 3, anchorDate: '2026-01-07' },
      localTime: { hour: 14, minute: 0 },
      audience: 'channel',
      runnable: true,
      planAheadDays: 14,
      steps: [
        {
          name: DESIGN_REVIEW_STEPS.presenter,
          dueAt: presenterNoticeAt,
          run: ({ timing }) => edge.service.notifyPresenter(timing),
        },
        {
          name: DESIGN_REVIEW_STEPS.complete,
          dueAt: (t) => new Date(t.startsAt.getTime() + DEFAULT_SESSION_MINUTES * 60_000),
          run: ({ occurrence }) => edge.service.complete(occurrence.id),
        },
      ],
    },
    prompt: {
      text: ':triangular_ruler: *Design review is coming up.* Get your design doc ready.',
      doNow: 'Open',
    },
    async channelPost(_ritual, post) {
      const occurrence = await edge.occurrences.findOccurrence(post.occurrenceId);
      const ritual = occurrence && (await edge.rituals.findById(occurrence.ritualId));
      if (!occurrence || !ritual) throw new Error(`occurrence ${post.occurrenceId} is gone`);
      const team = await edge.calendar.teamCalendar(ritual.teamId);
      const session = await edge.service.ensureSession(stepTiming(occurrence, ritual, team));
      return renderSessionPost(edge, session);
    },
    respondedCount: async (occurrenceId) => (await edge.reviews.attendees(occurrenceId)).length,
    home: {
      async status({ member, now }) {
        const today = now.toISOString().slice(0, 10);
        const [since, upcoming] = await Promise.all([
          edge.reviews.membership(member.teamId, member.userId),
          edge.reviews.upcoming(member.teamId, today),
        ]);
        const mine = upcoming.find((s) => s.presenterId === member.userId);
        if (mine) return `:microphone: You present at the design review of ${mine.date}.`;
        return since
          ? ':busts_in_silhouette: You are in the presenter rotation; `/careerplan review` shows who is next.'
          : 'You are not in the presenter rotation: `/careerplan review join`.';
      },
    },
  };
}
