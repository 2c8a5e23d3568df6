import type { ColumnType, Generated } from 'kysely';

/** Tables of migration 0009: feedback requests and asks, managers, feedback conversations. */

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Day = string;

export interface FeedbackRequestsTable {
  id: Generated<string>;
  team_id: string;
  user_id: string;
  origin: 'peer' | 'review';
  source_key: string | null;
  question: string;
  about_kind: 'key_result' | 'skill' | null;
  about_id: string | null;
  about_label: string | null;
  anonymous: boolean;
  due_date: Day;
  closes_at: Timestamp;
  tz: string;
  created_at: Timestamp;
}

export interface FeedbackAsksTable {
  id: Generated<string>;
  request_id: string;
  team_id: string;
  user_id: string;
  status: Generated<'waiting' | 'answered' | 'declined'>;
  answer: string | null;
  improve: string | null;
  rating: number | null;
  decline_reason: string | null;
  responded_at: Timestamp | null;
  created_at: Timestamp;
}

export interface FeedbackManagersTable {
  team_id: string;
  user_id: string;
  manager_id: string;
  updated_at: UpdatedAt;
}

export interface FeedbackSettingsTable {
  team_id: string;
  conversation_every_months: number;
  updated_at: UpdatedAt;
}

export interface FeedbackConversationsTable {
  id: Generated<string>;
  team_id: string;
  user_id: string;
  manager_id: string | null;
  period: string;
  member_confirmed_at: Timestamp | null;
  manager_confirmed_at: Timestamp | null;
  held_at: Timestamp | null;
  created_at: Timestamp;
}

export interface FeedbackTables {
  feedback_requests: FeedbackRequestsTable;
  feedback_asks: FeedbackAsksTable;
  feedback_managers: FeedbackManagersTable;
  feedback_settings: FeedbackSettingsTable;
  feedback_conversations: FeedbackConversationsTable;
}
