import type { ColumnType, Generated } from 'kysely';
import type { FeedbackTables } from './schema-feedback.ts';
import type { LeaderboardTables } from './schema-leaderboard.ts';
import type { OutboxTables } from './schema-outbox.ts';
import type { PlanTables } from './schema-plans.ts';
import type { PortfolioTables } from './schema-portfolio.ts';
import type { RitualTables } from './schema-rituals.ts';
import type { SkillTables } from './schema-skills.ts';
import type { TeamRitualTables } from './schema-team-rituals.ts';

/**
 * Kysely's view of the tables in migrations/. Repositories map these rows to domain types. Each
 * feature's tables live in their own schema-<feature>.ts and are joined into Database here.
 */

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface WorkspacesTable {
  team_id: string;
  name: string | null;
  enterprise_id: string | null;
  installer_user_id: string | null;
  default_tz: Generated<string>;
  /** ISO weekdays (1 = Monday) the team works. */
  work_week: Generated<number[]>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface InstallationsTable {
  team_id: string;
  enterprise_id: string | null;
  bot_user_id: string | null;
  bot_id: string | null;
  scopes: Generated<string>;
  installer_user_id: string | null;
  encrypted_payload: Buffer;
  installed_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface MembersTable {
  team_id: string;
  user_id: string;
  display_name: Generated<string>;
  real_name: Generated<string>;
  tz: string | null;
  is_admin: Generated<boolean>;
  is_owner: Generated<boolean>;
  is_bot: Generated<boolean>;
  is_deleted: Generated<boolean>;
  /** Reminders paused through this local day (inclusive); 'infinity' = until resumed. */
  paused_until: string | null;
  dm_channel_id: string | null;
  profile_synced_at: Timestamp | null;
  /** Slack's user.team_id: another workspace's for a Slack Connect guest (migration 0009). */
  home_team_id: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface JobRunsTable {
  id: Generated<string>;
  queue: string;
  job_id: string;
  name: string;
  team_id: string | null;
  status: 'queued' | 'running' | 'done' | 'failed';
  attempts: Generated<number>;
  last_error: string | null;
  created_at: CreatedAt;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  updated_at: UpdatedAt;
}

export interface ProcessedEventsTable {
  team_id: string;
  event_id: string;
  received_at: CreatedAt;
}

export interface Database
  extends RitualTables,
    PlanTables,
    OutboxTables,
    SkillTables,
    FeedbackTables,
    PortfolioTables,
    LeaderboardTables,
    TeamRitualTables {
  workspaces: WorkspacesTable;
  installations: InstallationsTable;
  members: MembersTable;
  job_runs: JobRunsTable;
  processed_events: ProcessedEventsTable;
}
