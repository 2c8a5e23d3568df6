import type { ColumnType, Generated } from 'kysely';

/** Tables of migration 0002 (rituals, occurrences, portfolio); the outbox is in schema-outbox.ts. */

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A local calendar day, 'YYYY-MM-DD' (pg's date parser is set to keep strings). */
type Day = string;

export interface TeamHolidaysTable {
  team_id: string;
  day: Day;
  name: Generated<string>;
}

export interface MemberOooTable {
  id: Generated<string>;
  team_id: string;
  user_id: string;
  from_day: Day;
  to_day: Day;
  created_at: CreatedAt;
}

export interface RitualsTable {
  id: Generated<string>;
  team_id: string;
  /** A registered ritual type's name (checked in code: src/domain/rituals/ritual-types.ts). */
  name: string;
  channel_id: string | null;
  cadence: ColumnType<unknown, string, string>;
  local_time: string;
  audience: 'channel' | 'dm';
  time_zone: string | null;
  paused: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface RitualOptoutsTable {
  ritual_id: string;
  team_id: string;
  user_id: string;
}

export interface RitualOccurrencesTable {
  id: Generated<string>;
  ritual_id: string;
  team_id: string;
  occurrence_key: string;
  occurrence_date: Day;
  kind: 'scheduled' | 'adhoc';
  status: Generated<'planned' | 'fanned_out' | 'cancelled'>;
  fanout_at: Timestamp;
  fanned_out_at: Timestamp | null;
  requested_by: string | null;
  /** When the "occurrence finished" log line was written (once per occurrence). */
  finished_logged_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface PortfolioArtifactsTable {
  id: Generated<string>;
  team_id: string;
  user_id: string;
  kind: string;
  title: string;
  link: string | null;
  impact: Generated<string>;
  occurred_on: Day;
  source: Generated<string>;
  delivery_id: string | null;
  /** Migration 0008: the milestone or key result it is evidence for (at most one). */
  milestone_id: string | null;
  key_result_id: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface RitualTables {
  team_holidays: TeamHolidaysTable;
  member_ooo: MemberOooTable;
  rituals: RitualsTable;
  ritual_optouts: RitualOptoutsTable;
  ritual_occurrences: RitualOccurrencesTable;
  portfolio_artifacts: PortfolioArtifactsTable;
}
