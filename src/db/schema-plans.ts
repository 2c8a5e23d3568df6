import type { ColumnType, Generated } from 'kysely';

/** Tables of migration 0003 (career plans: ladder, north star, milestones, OKRs, check-ins). */

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A local calendar day, 'YYYY-MM-DD' (pg's date parser is set to keep strings). */
type Day = string;
/** bigserial ids: pg returns int8 as a string, which is what the domain uses for ids. */
type Id = ColumnType<string, never, never>;

export interface LaddersTable {
  team_id: string;
  updated_by: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface LadderLevelsTable {
  team_id: string;
  position: number;
  code: string;
  title: string;
  summary: Generated<string>;
}

export interface NorthStarsTable {
  team_id: string;
  user_id: string;
  track: 'ic' | 'manager' | 'staff';
  destination: string;
  horizon_years: number;
  current_level: string;
  target_level: string;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface MilestonesTable {
  id: Id;
  team_id: string;
  user_id: string;
  kind: 'mastery' | 'visibility' | 'delivery';
  title: string;
  due_date: Day;
  status: Generated<'planned' | 'in_progress' | 'done' | 'dropped'>;
  evidence_url: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ObjectivesTable {
  id: Id;
  team_id: string;
  user_id: string;
  quarter: string;
  title: string;
  archived_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface KeyResultsTable {
  id: Id;
  objective_id: string;
  team_id: string;
  user_id: string;
  position: number;
  title: string;
  kind: 'metric' | 'percent';
  start_value: number | null;
  target_value: number | null;
  current_value: number;
  unit: Generated<string>;
  archived_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface KeyResultCheckinsTable {
  id: Id;
  key_result_id: string;
  team_id: string;
  user_id: string;
  value: number;
  previous_value: number;
  note: Generated<string>;
  created_at: CreatedAt;
}

export interface PlanTables {
  ladders: LaddersTable;
  ladder_levels: LadderLevelsTable;
  north_stars: NorthStarsTable;
  milestones: MilestonesTable;
  objectives: ObjectivesTable;
  key_results: KeyResultsTable;
  key_result_checkins: KeyResultCheckinsTable;
}
