import type { ColumnType, Generated } from 'kysely';

/** Tables of migration 0006: occurrence steps, learning summaries and the design review. */

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A local calendar day, 'YYYY-MM-DD'. */
type Day = string;

export interface RitualOccurrenceStepsTable {
  id: Generated<string>;
  occurrence_id: string;
  team_id: string;
  step: string;
  due_at: Timestamp;
  status: Generated<'planned' | 'done' | 'skipped'>;
  skip_reason: string | null;
  attempts: Generated<number>;
  last_error: string | null;
  finished_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface LearningSummariesTable {
  id: Generated<string>;
  team_id: string;
  user_id: string;
  occurrence_id: string | null;
  body: string;
  link: string | null;
  source: 'command' | 'modal' | 'thread';
  channel_id: string | null;
  message_ts: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface DesignReviewMembersTable {
  team_id: string;
  user_id: string;
  joined_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface DesignReviewSessionsTable {
  occurrence_id: string;
  team_id: string;
  ritual_id: string;
  session_date: Day;
  starts_at: Timestamp;
  ends_at: Timestamp;
  /** The presenter; null when nobody could be picked (or they were erased). */
  user_id: string | null;
  topic: string | null;
  status: Generated<'assigned' | 'completed'>;
  attendee_ids: string[] | null;
  completed_at: Timestamp | null;
  feedback_asked_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface DesignReviewAttendeesTable {
  occurrence_id: string;
  team_id: string;
  user_id: string;
  created_at: CreatedAt;
}

export interface DesignReviewSwapsTable {
  id: Generated<string>;
  occurrence_id: string;
  team_id: string;
  user_id: string;
  to_user_id: string;
  status: Generated<'pending' | 'accepted' | 'declined' | 'withdrawn'>;
  created_at: CreatedAt;
  decided_at: Timestamp | null;
}

export interface TeamRitualTables {
  ritual_occurrence_steps: RitualOccurrenceStepsTable;
  learning_summaries: LearningSummariesTable;
  design_review_members: DesignReviewMembersTable;
  design_review_sessions: DesignReviewSessionsTable;
  design_review_attendees: DesignReviewAttendeesTable;
  design_review_swaps: DesignReviewSwapsTable;
}
