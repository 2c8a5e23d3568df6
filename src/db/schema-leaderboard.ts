import type { ColumnType } from 'kysely';

/** Tables of migration 0007: the team leaderboard (docs/product/leaderboard.md). */

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
/** A `date` column, read as `YYYY-MM-DD` (database.ts turns off pg's Date parsing for dates). */
type Day = string;

export interface LeaderboardSettingsTable {
  team_id: string;
  posts_enabled: ColumnType<boolean, boolean | undefined, boolean>;
  totals_only: ColumnType<boolean, boolean | undefined, boolean>;
  post_weekday: ColumnType<number, number | undefined, number>;
  post_time: ColumnType<string, string | undefined, string>;
  updated_at: UpdatedAt;
}

export interface LeaderboardPointsTable {
  kind: string;
  points: number;
  weekly_cap: number;
}

export interface LeaderboardTeamPointsTable extends LeaderboardPointsTable {
  team_id: string;
}

export interface LeaderboardOptoutsTable {
  team_id: string;
  user_id: string;
  created_at: CreatedAt;
}

/** Written only by the triggers of migration 0007. */
export interface LeaderboardWeeksTable {
  team_id: string;
  week_start: Day;
  user_id: string;
  kind: string;
  events: number;
}

/** Written only by the triggers of migration 0007. */
export interface LeaderboardScoresTable {
  team_id: string;
  span: 'week' | 'month' | 'quarter';
  period_start: Day;
  user_id: string;
  points: number;
}

export interface LeaderboardTables {
  leaderboard_settings: LeaderboardSettingsTable;
  leaderboard_default_points: LeaderboardPointsTable;
  leaderboard_team_points: LeaderboardTeamPointsTable;
  leaderboard_optouts: LeaderboardOptoutsTable;
  leaderboard_weeks: LeaderboardWeeksTable;
  leaderboard_scores: LeaderboardScoresTable;
}
