import type { ColumnType, Generated } from 'kysely';

/** Tables of migration 0005 (skills catalogue, assessments, action plans, learning sprints). */

type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A local calendar day, 'YYYY-MM-DD' (pg's date parser is set to keep strings). */
type Day = string;
/** bigserial ids: pg returns int8 as a string, which is what the domain uses for ids. */
type Id = ColumnType<string, never, never>;
/** A bigint foreign key: read as a string, written as a string or number. */
type Ref = ColumnType<string, string | number, string | number>;

export interface SkillSettingsTable {
  team_id: string;
  checkin_every_weeks: Generated<number>;
  checkin_anchor: Generated<Day>;
  catalog_seeded_at: Timestamp | null;
  updated_by: string | null;
  updated_at: UpdatedAt;
}

export interface SkillDomainsTable {
  id: Id;
  team_id: string;
  name: string;
  position: number;
}

export interface SkillsTable {
  id: Id;
  team_id: string;
  domain_id: Ref;
  name: string;
  position: number;
  retired_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface SkillAssessmentsTable {
  id: Id;
  team_id: string;
  user_id: string;
  source: 'self' | 'checkin';
  assessed_at: Timestamp;
}

export interface SkillRatingsTable {
  assessment_id: Ref;
  team_id: string;
  user_id: string;
  skill_id: Ref;
  level: number;
  target: number;
  assessed_at: Timestamp;
}

export interface SkillActionPlansTable {
  team_id: string;
  user_id: string;
  skill_id: Ref;
  read_text: string;
  read_url: string | null;
  practice_text: string;
  show_text: string;
  read_done: Generated<boolean>;
  practice_done: Generated<boolean>;
  show_done: Generated<boolean>;
  updated_at: UpdatedAt;
}

export interface LearningSprintsTable {
  id: Id;
  team_id: string;
  user_id: string;
  start_date: Day;
  status: Generated<'active' | 'closed' | 'completed'>;
  closed_at: Timestamp | null;
  retro_went_well: string | null;
  retro_to_change: string | null;
  retro_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface SprintFocalSkillsTable {
  sprint_id: Ref;
  skill_id: Ref;
  position: number;
}

export interface SprintWeekGoalsTable {
  sprint_id: Ref;
  week: number;
  goal: string;
}

export interface SkillTables {
  skill_settings: SkillSettingsTable;
  skill_domains: SkillDomainsTable;
  skills: SkillsTable;
  skill_assessments: SkillAssessmentsTable;
  skill_ratings: SkillRatingsTable;
  skill_action_plans: SkillActionPlansTable;
  learning_sprints: LearningSprintsTable;
  sprint_focal_skills: SprintFocalSkillsTable;
  sprint_week_goals: SprintWeekGoalsTable;
}
