-- Foundation: workspaces, their OAuth installations, members, job runs, processed Slack events.
-- Every row belongs to a Slack team (team_id); all team-scoped tables cascade from workspaces.

CREATE TABLE workspaces (
  team_id             text PRIMARY KEY,
  name                text,
  enterprise_id       text,
  installer_user_id   text,
  default_tz          text NOT NULL DEFAULT 'UTC',
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);

-- One OAuth installation per workspace. The whole Installation object Slack returned (it holds
-- the bot token) is stored encrypted with AES-256-GCM; only non-secret columns are in clear.
CREATE TABLE installations (
  team_id             text PRIMARY KEY REFERENCES workspaces(team_id) ON DELETE CASCADE,
  enterprise_id       text,
  bot_user_id         text,
  bot_id              text,
  scopes              text NOT NULL DEFAULT '',
  installer_user_id   text,
  encrypted_payload   bytea NOT NULL,
  installed_at        timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE members (
  team_id             text NOT NULL REFERENCES workspaces(team_id) ON DELETE CASCADE,
  user_id             text NOT NULL,
  display_name        text NOT NULL DEFAULT '',
  real_name           text NOT NULL DEFAULT '',
  tz                  text,
  is_admin            boolean NOT NULL DEFAULT false,
  is_owner            boolean NOT NULL DEFAULT false,
  is_bot              boolean NOT NULL DEFAULT false,
  is_deleted          boolean NOT NULL DEFAULT false,
  profile_synced_at   timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (team_id, user_id)
);

-- What happened to every background job, for operators (SPEC 4.10).
CREATE TABLE job_runs (
  id                  bigserial PRIMARY KEY,
  queue               text NOT NULL,
  job_id              text NOT NULL,
  name                text NOT NULL,
  team_id             text,
  status              text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
  attempts            integer NOT NULL DEFAULT 0,
  last_error          text,
  created_at          timestamptz NOT NULL DEFAULT now(),
  started_at          timestamptz,
  finished_at         timestamptz,
  updated_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (queue, job_id)
);
CREATE INDEX job_runs_status_idx ON job_runs (status, updated_at DESC);
CREATE INDEX job_runs_name_idx ON job_runs (name, updated_at DESC);

-- Slack retries events it thinks we missed; the first receipt wins (SPEC 5).
CREATE TABLE processed_events (
  team_id             text NOT NULL,
  event_id            text NOT NULL,
  received_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (team_id, event_id)
);
