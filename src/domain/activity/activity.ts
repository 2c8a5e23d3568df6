/**
 * Member activity (docs/activity.md): one append-only record per thing a member did, written by
 * the feature where it happened and read by the quick start and the leaderboard — so those read
 * one table, never every feature's tables. The source key is unique per workspace: recording the
 * same thing twice (a retried event, a resubmitted modal) stores it once.
 */
export interface ActivityEvent {
  teamId: string;
  userId: string;
  kind: ActivityKind;
  /** Names the source row, e.g. `contribution:42`; unique per workspace. */
  sourceKey: string;
  occurredAt: Date;
}

/**
 * The kinds features record. A new feature adds its own here — a string in the union, so a typo
 * is a compile error — and the leaderboard gives it points by declaring them.
 */
export type ActivityKind =
  | 'north_star.set'
  | 'key_result.moved'
  | 'contribution.logged'
  /** A portfolio artifact of one kind, e.g. `artifact.talk` (ticks quick-start items). */
  | `artifact.${string}`
  | 'summary.posted'
  | 'skills.assessed'
  | 'skill_checkin.done'
  | 'sprint.started'
  | 'feedback.asked'
  | 'feedback.given'
  | 'feedback.received'
  | 'feedback_conversation.held'
  | 'review.presented'
  | 'review.attended'
  /** Kinds that features defined outside this list (tests, experiments) record. */
  | `x.${string}`;

/** Where activity is written: a port, so services stay testable without Postgres. */
export interface ActivityRecorder {
  record(events: readonly ActivityEvent[]): Promise<void>;
}
