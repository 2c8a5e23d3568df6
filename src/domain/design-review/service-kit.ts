import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { NewOutboxMessage, OutboxMessage } from '../../outbox/message.ts';
import type { ActivityRecorder } from '../activity/activity.ts';
import type { Clock } from '../clock.ts';
import { DomainError } from '../errors.ts';
import { isOutOfOfficeOn, isPausedOn, type MemberAvailability } from '../schedules/index.ts';
import type { DesignReviewRepository } from './design-review.repository.ts';
import type { Session } from './design-review.ts';

/** What the design-review services write, in one transaction. */
export interface DesignReviewRepositories {
  reviews: DesignReviewRepository;
  activity: ActivityRecorder;
  outbox: { insertMany(messages: readonly NewOutboxMessage[]): Promise<OutboxMessage[]> };
}

/** What the design-review services are built from. */
export interface DesignReviewDeps {
  uow: UnitOfWork<DesignReviewRepositories>;
  reviews: DesignReviewRepository;
  availability(teamId: string, userIds: readonly string[]): Promise<Map<string, MemberAvailability>>;
  /** Arms the timers of outbox rows already stored (the outbox's enqueue: storing again is a no-op). */
  arm(messages: readonly NewOutboxMessage[]): Promise<unknown>;
  clock: Clock;
}

/** A DM through the outbox, by its idempotency key. */
export function dm(
  teamId: string,
  userId: string,
  key: string,
  kind: string,
  payload: Record<string, unknown>,
  at: Date,
  occurrenceId?: string,
): NewOutboxMessage {
  return {
    teamId,
    key,
    kind,
    target: { type: 'dm', userId },
    dueAt: at,
    payload,
    ...(occurrenceId ? { occurrenceId } : {}),
  };
}

/** The rules the services share: availability, outbox writes with their decision, open sessions. */
export function designReviewKit(deps: DesignReviewDeps) {
  /** Who can present on `date`: not paused and not out of office then. */
  async function availableOn(teamId: string, userIds: readonly string[]) {
    const known = await deps.availability(teamId, userIds);
    return (userId: string, date: string) => {
      const a = known.get(userId);
      return !a || (!isPausedOn(a, date) && !isOutOfOfficeOn(a, date));
    };
  }

  /** Runs work that stores outbox rows, then arms their timers once committed. */
  async function withMessages<T>(
    work: (r: DesignReviewRepositories, send: (m: NewOutboxMessage) => void) => Promise<T>,
  ) {
    const messages: NewOutboxMessage[] = [];
    const result = await deps.uow.run(async (r) => {
      const value = await work(r, (m) => messages.push(m));
      if (messages.length) await r.outbox.insertMany(messages);
      return value;
    });
    if (messages.length) await deps.arm(messages);
    return result;
  }

  async function openSession(occurrenceId: string, teamId: string): Promise<Session> {
    const session = await deps.reviews.session(occurrenceId);
    if (!session || session.teamId !== teamId) {
      throw new DomainError(
        'review_not_allowed',
        'That design-review session does not exist in this workspace.',
      );
    }
    if (session.status === 'completed' || session.endsAt <= deps.clock.now()) {
      throw new DomainError(
        'review_over',
        `The design review of ${session.date} is over, so nothing changed.`,
      );
    }
    return session;
  }

  return { availableOn, withMessages, openSession };
}
