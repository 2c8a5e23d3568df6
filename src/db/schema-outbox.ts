import type { ColumnType, Generated } from 'kysely';

/** Tables of migration 0004: the outbox and the activity events. */

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Day = string;

/**
 * `scheduled`: handed to Slack with chat.scheduleMessage; Slack shows it at its due time (the
 * sweep then records it `sent`). Not finished: a later pause or skip still deletes it.
 */
export type OutboxStatus = 'planned' | 'sending' | 'scheduled' | 'sent' | 'skipped' | 'failed' | 'done';

export interface OutboxTable {
  id: Generated<string>;
  team_id: string;
  idempotency_key: string;
  kind: string;
  target: Generated<'dm' | 'channel' | 'thread'>;
  user_id: string | null;
  channel_id: string | null;
  parent_id: string | null;
  occurrence_id: string | null;
  payload: ColumnType<Record<string, unknown>, string | undefined, string>;
  due_at: Timestamp;
  local_date: Day | null;
  tz: string | null;
  round: Generated<number>;
  status: Generated<OutboxStatus>;
  skip_reason: string | null;
  attempts: Generated<number>;
  last_error: string | null;
  sending_since: Timestamp | null;
  sent_at: Timestamp | null;
  message_ts: string | null;
  scheduled_message_id: string | null;
  unscheduled_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ActivityEventsTable {
  id: Generated<string>;
  team_id: string;
  user_id: string;
  kind: string;
  source_key: string;
  occurred_at: Timestamp;
  created_at: CreatedAt;
}

export interface OutboxTables {
  outbox: OutboxTable;
  activity_events: ActivityEventsTable;
}
