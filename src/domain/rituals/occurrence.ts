/** One occurrence of a ritual: planned once by its key, fanned out to its audience once. */
export interface Occurrence {
  id: string;
  ritualId: string;
  teamId: string;
  key: string;
  date: string;
  kind: 'scheduled' | 'adhoc';
  status: 'planned' | 'fanned_out' | 'cancelled';
  fanoutAt: Date;
}

/** The outbox kind of a ritual's reminder DM (one per member and occurrence). */
export const REMINDER_KIND = 'ritual.reminder';

/** The idempotency key of a member's reminder for one occurrence. */
export function reminderKey(occurrenceId: string, userId: string): string {
  return `ritual:${occurrenceId}:${userId}`;
}

/** The outbox kind of a channel ritual's post (one per occurrence). */
export const RITUAL_POST_KIND = 'ritual.post';

export function ritualPostKey(occurrenceId: string): string {
  return `ritual:${occurrenceId}:channel`;
}
