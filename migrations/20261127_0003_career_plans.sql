-- Career plans (SPEC 4.2): the team's ladder, each member's north star, 12-month milestones and
-- quarterly OKRs with their check-in history. Every row carries team_id; per-member rows cascade
-- from members(team_id, user_id), so deleting a member (or a workspace) erases their plan.

-- One row per team once its ladder exists: the lazy seed of the default ladder inserts it, and
-- concurrent first reads serialise on its primary key.
CREATE TABLE ladders (
  team_id       text PRIMARY KEY REFERENCES workspaces(team_id) ON DELETE CASCADE,
  updated_by    text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ladder_levels (
  team_id       text NOT NULL REFERENCES ladders(team_id) ON DELETE CASCADE,
  position      smallint NOT NULL CHECK (position >= 0),
  code          text NOT NULL CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{0,9}$'),
  title         text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 80),
  summary       text NOT NULL DEFAULT '' CHECK (char_length(summary) <= 300),
  PRIMARY KEY (team_id, position),
  UNIQUE (team_id, code)
);

-- Levels are kept as ladder codes, not foreign keys: an admin may rename or remove a level
-- later, and a member's plan must survive that (it then shows the code as typed).
CREATE TABLE north_stars (
  team_id       text NOT NULL,
  user_id       text NOT NULL,
  track         text NOT NULL CHECK (track IN ('ic', 'manager', 'staff')),
  destination   text NOT NULL CHECK (char_length(destination) BETWEEN 1 AND 500),
  horizon_years smallint NOT NULL CHECK (horizon_years BETWEEN 2 AND 5),
  current_level text NOT NULL,
  target_level  text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (team_id, user_id),
  FOREIGN KEY (team_id, user_id) REFERENCES members(team_id, user_id) ON DELETE CASCADE
);

CREATE TABLE milestones (
  id            bigserial PRIMARY KEY,
  team_id       text NOT NULL,
  user_id       text NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('mastery', 'visibility', 'delivery')),
  title         text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 150),
  -- The member's local calendar day.
  due_date      date NOT NULL,
  status        text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'done', 'dropped')),
  evidence_url  text CHECK (char_length(evidence_url) <= 500),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (team_id, user_id) REFERENCES members(team_id, user_id) ON DELETE CASCADE
);
CREATE INDEX milestones_member_idx ON milestones (team_id, user_id, due_date);

-- quarter is the member's calendar quarter, e.g. '2026-Q3' (computed in their time zone).
-- Archived objectives and key results are hidden and no longer count toward the guardrails.
CREATE TABLE objectives (
  id            bigserial PRIMARY KEY,
  team_id       text NOT NULL,
  user_id       text NOT NULL,
  quarter       text NOT NULL CHECK (quarter ~ '^[0-9]{4}-Q[1-4]$'),
  title         text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 150),
  archived_at   timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (team_id, user_id) REFERENCES members(team_id, user_id) ON DELETE CASCADE
);
CREATE INDEX objectives_member_quarter_idx ON objectives (team_id, user_id, quarter);

-- start/target are null for percent key results (0-100 progress).
CREATE TABLE key_results (
  id            bigserial PRIMARY KEY,
  objective_id  bigint NOT NULL REFERENCES objectives(id) ON DELETE CASCADE,
  team_id       text NOT NULL,
  user_id       text NOT NULL,
  position      smallint NOT NULL,
  title         text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 150),
  kind          text NOT NULL CHECK (kind IN ('metric', 'percent')),
  start_value   double precision,
  target_value  double precision,
  current_value double precision NOT NULL,
  unit          text NOT NULL DEFAULT '' CHECK (char_length(unit) <= 20),
  archived_at   timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (kind = 'percent' OR (start_value IS NOT NULL AND target_value IS NOT NULL)),
  FOREIGN KEY (team_id, user_id) REFERENCES members(team_id, user_id) ON DELETE CASCADE
);
CREATE INDEX key_results_objective_idx ON key_results (objective_id, position);

-- Every check-in is kept (never overwritten); key_results.current_value is the latest one.
CREATE TABLE key_result_checkins (
  id             bigserial PRIMARY KEY,
  key_result_id  bigint NOT NULL REFERENCES key_results(id) ON DELETE CASCADE,
  team_id        text NOT NULL,
  user_id        text NOT NULL,
  value          double precision NOT NULL,
  previous_value double precision NOT NULL,
  note           text NOT NULL DEFAULT '' CHECK (char_length(note) <= 500),
  created_at     timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (team_id, user_id) REFERENCES members(team_id, user_id) ON DELETE CASCADE
);
CREATE INDEX key_result_checkins_kr_idx ON key_result_checkins (key_result_id, created_at);
