import { DomainError } from '../errors.ts';

/**
 * The bi-weekly design review (docs/product/rituals.md): names and rules shared by its domain and
 * its Slack edge.
 */
export const DESIGN_REVIEW = 'design-review';

/** A session lasts this long unless told otherwise; its completion is recorded at the end. */
export const DEFAULT_SESSION_MINUTES = 60;
/** The presenter is told this many work days before the session. */
export const PRESENTER_NOTICE_WORK_DAYS = 3;

export const TOPIC_MAX = 200;

/** Outbox kinds: the presenter's DM, a swap request, its answer to the asker. */
export const PRESENTER_DM_KIND = 'design-review.presenter';
export const SWAP_ASK_KIND = 'design-review.swap-ask';
export const SWAP_RESULT_KIND = 'design-review.swap-result';

export const presenterDmKey = (occurrenceId: string, userId: string) =>
  `design-review:presenter:${occurrenceId}:${userId}`;
export const swapAskKey = (swapId: string) => `design-review:swap:${swapId}`;
export const swapResultKey = (swapId: string) => `design-review:swap:${swapId}:result`;

/** One design-review session: an occurrence of the ritual, its presenter and topic. */
export interface Session {
  occurrenceId: string;
  teamId: string;
  ritualId: string;
  date: string;
  startsAt: Date;
  endsAt: Date;
  /** Null when nobody in the rotation was available (or the presenter was erased). */
  presenterId: string | null;
  topic: string | null;
  status: 'assigned' | 'completed';
}

/**
 * A held session's completed event: the presenter and who attended, frozen when it ended. The
 * feedback feature turns it into feedback asks (attendees → presenter) and then marks it asked.
 */
export interface CompletedSession {
  occurrenceId: string;
  teamId: string;
  date: string;
  presenterId: string | null;
  attendeeIds: string[];
  topic: string | null;
  completedAt: Date;
}

export interface Swap {
  id: string;
  occurrenceId: string;
  teamId: string;
  fromUserId: string;
  toUserId: string;
  status: 'pending' | 'accepted' | 'declined' | 'withdrawn';
}

/** A topic as the presenter typed it: one line, 1-200 characters. */
export function validateTopic(text: string): string {
  const topic = text.replace(/\s+/g, ' ').trim();
  if (topic === '') throw new DomainError('review_not_allowed', 'Write the topic in a few words.', 'topic');
  if (topic.length > TOPIC_MAX) {
    throw new DomainError('review_not_allowed', `Keep the topic under ${TOPIC_MAX} characters.`, 'topic');
  }
  return topic;
}
