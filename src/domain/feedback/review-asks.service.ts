import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { OutboxMessage } from '../../outbox/message.ts';
import type { ActivityEvent, ActivityKind } from '../activity/activity.ts';
import type { Clock } from '../clock.ts';
import { addDays, localDateOf } from '../schedules/local-time.ts';
import type { FeedbackDirectory, FeedbackRepositories } from './feedback.service.ts';
import { zoneOf } from './feedback.service.ts';
import { isClosed } from './feedback.ts';
import { planRequestDms } from './plan-dms.ts';
import { closingTime, deliveryTime, nextWorkMorning } from './timing.ts';

/**
 * Feedback after a design review (docs/product/feedback.md). The design review records who
 * presented and who attended each session as activity (`review.presented`, `review.attended`,
 * source keys `review:<session>:presented` and `review:<session>:attended…`); this reads that
 * activity — never the design review's own tables — and asks each attendee but the presenter,
 * the next work morning at their local time, what worked and one thing to improve. The answers
 * reach the presenter like any request's.
 */

/** How far back sessions are looked at: a late attendee record is still picked up this long. */
export const REVIEW_LOOKBACK_MS = 7 * 24 * 3600_000;
/** A review's request stays open this many days after the session (the presenter's dates). */
export const REVIEW_OPEN_DAYS = 7;
export const REVIEW_QUESTION = 'How did my design review go: what worked, and one concrete thing to improve?';

const REVIEW_KINDS: readonly ActivityKind[] = ['review.presented', 'review.attended'];
const PRESENTED = /^review:(.+):presented$/;
const ATTENDED = /^review:(.+):attended(?::.*)?$/;

/** One design-review session, from its activity. */
export interface ReviewSession {
  teamId: string;
  session: string;
  presenter: string | null;
  attendees: string[];
  endedAt: Date;
}

/** Groups review activity into sessions by the session id in their source keys. */
export function reviewSessions(events: readonly ActivityEvent[]): ReviewSession[] {
  const sessions = new Map<string, ReviewSession>();
  for (const event of events) {
    const presented = event.kind === 'review.presented' ? PRESENTED.exec(event.sourceKey) : null;
    const attended = event.kind === 'review.attended' ? ATTENDED.exec(event.sourceKey) : null;
    const session = presented?.[1] ?? attended?.[1];
    if (!session) continue;
    const key = `${event.teamId}|${session}`;
    const entry = sessions.get(key) ?? {
      teamId: event.teamId,
      session,
      presenter: null,
      attendees: [],
      endedAt: event.occurredAt,
    };
    if (presented) entry.presenter = event.userId;
    if (attended && !entry.attendees.includes(event.userId)) entry.attendees.push(event.userId);
    if (event.occurredAt > entry.endedAt) entry.endedAt = event.occurredAt;
    sessions.set(key, entry);
  }
  return [...sessions.values()];
}

export function createReviewAskService(deps: {
  uow: UnitOfWork<FeedbackRepositories>;
  arm(rows: readonly OutboxMessage[]): Promise<void>;
  clock: Clock;
  directory: FeedbackDirectory;
  events: {
    ofKindsBetween(kinds: readonly ActivityKind[], since: Date, until: Date): Promise<ActivityEvent[]>;
  };
}) {
  const { uow, clock, directory } = deps;

  /** Stores one session's request and asks (idempotent) and returns the DM rows still to arm. */
  async function askFor(session: ReviewSession & { presenter: string }, now: Date) {
    const attendees = session.attendees.filter((u) => u !== session.presenter);
    if (attendees.length === 0) return [];
    const calendar = await directory.teamCalendar(session.teamId);
    const tz = await zoneOf(directory, session.teamId, session.presenter, calendar);
    const dueDate = addDays(localDateOf(session.endedAt, tz), REVIEW_OPEN_DAYS);
    const zones = new Map<string, string>();
    for (const userId of attendees)
      zones.set(userId, await zoneOf(directory, session.teamId, userId, calendar));

    return uow.run(async (r) => {
      const { request } = await r.feedback.insertRequest({
        teamId: session.teamId,
        userId: session.presenter,
        origin: 'review',
        sourceKey: `review:${session.session}`,
        question: REVIEW_QUESTION,
        about: null,
        anonymous: false,
        dueDate,
        closesAt: closingTime(dueDate, tz),
        tz,
        createdAt: now,
      });
      if (isClosed(request, now)) return [];
      const asks = await r.feedback.insertAsks(request, attendees, now);
      const rows = planRequestDms({
        request,
        session: session.session,
        calendar,
        asks: asks.map((ask) => {
          const askTz = zones.get(ask.userId) ?? calendar.timeZone;
          const morning = nextWorkMorning(session.endedAt, askTz, calendar);
          // Found late (the worker was down): ask now if it is working hours there, else next morning.
          const askAt = morning.getTime() >= now.getTime() ? morning : deliveryTime(now, askTz, calendar);
          return { ask, tz: askTz, askAt };
        }),
      });
      return r.outbox.insertMany(rows);
    });
  }

  return {
    /**
     * Asks for feedback after every recent session with a presenter and attendees. Safe to run
     * any number of times, on any number of workers: requests are unique per session, asks per
     * person, and DMs per key (`feedback:review:<session>:<attendee>`).
     */
    async run(): Promise<{ sessions: number; rows: number }> {
      const now = clock.now();
      const events = await deps.events.ofKindsBetween(
        REVIEW_KINDS,
        new Date(now.getTime() - REVIEW_LOOKBACK_MS),
        new Date(now.getTime() + 1),
      );
      let sessions = 0;
      let rows = 0;
      for (const session of reviewSessions(events)) {
        if (!session.presenter) continue;
        const pending = await askFor({ ...session, presenter: session.presenter }, now);
        await deps.arm(pending);
        sessions++;
        rows += pending.length;
      }
      return { sessions, rows };
    },
  };
}

export type ReviewAskService = ReturnType<typeof createReviewAskService>;
