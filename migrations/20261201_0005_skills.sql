-- Skills inventory and learning sprints (docs/product/skills.md, docs/product/sprints.md): the
-- team's skills catalogue, members' dated self-assessments (never overwritten), action plans for
-- the top gaps, the team's check-in cadence, and 12-week learning sprints with their weekly goals
-- and retrospective. Every row carries team_id; per-member rows cascade from members.

-- The team's check-in cadence. No row = the default: every 4 weeks from the anchor below.
-- Check-in cycles start on anchor + k × every_weeks (a team-wide calendar date); each member's
-- DM goes out at 10:00 their time on the first work day on or after the cycle's date.
CREATE TABLE skill_settings (
  team_id             text PRIMARY KEY REFERENCES workspaces(team_id) ON DELETE CASCADE,
  -- 0 switches check-ins off.
  checkin_every_weeks smallint NOT NULL DEFAULT 4 CHECK (checkin_every_weeks BETWEEN 0 AND 12),
  checkin_anchor      date NOT NULL DEFAULT DATE '2026-01-05',
  -- Set once the default catalogue was seeded, so it is seeded exactly once per team.
  catalog_seeded_at   timestamptz,
  updated_by          text,
  updated_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE skill_domains (
  id          bigserial PRIMARY KEY,
  team_id     text NOT NULL REFERENCES workspaces(team_id) ON DELETE CASCADE,
  name        text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 60),
  position    smallint NOT NULL,
  UNIQUE (team_id, name)
);

-- A retired skill keeps its row (and so its history) but leaves the forms. Active names are
-- unique per team, case-insensitively.
CREATE TABLE skills (
  id          bigserial PRIMARY KEY,
  team_id     text NOT NULL REFERENCES workspaces(team_id) ON DELETE CASCADE,
  domain_id   bigint NOT NULL REFERENCES skill_domains(id) ON DELETE CASCADE,
  name        text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 60),
  position    integer NOT NULL,
  retired_at  timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX skills_active_name_idx ON skills (team_id, lower(name)) WHERE retired_at IS NULL;
CREATE INDEX skills_team_idx ON skills (team_id, position);

-- One self-assessment (a modal answered, a check-in answered): its ratings are its skills.
CREATE TABLE skill_assessments (
  id          bigserial PRIMARY KEY,
  team_id     text NOT NULL,
  user_id     text NOT NULL,
  source      text NOT NULL CHECK (source IN ('self', 'checkin')),
  assessed_at timestamptz NOT NULL,
  FOREIGN KEY (team_id, user_id) REFERENCES members(team_id, user_id) ON DELETE CASCADE
);
CREATE INDEX skill_assessments_member_idx ON skill_assessments (team_id, user_id, assessed_at DESC);

-- The member and time are copied from the assessment so "latest and previous rating of each
-- skill" is one index range per skill (skill_ratings_history_idx), however long the history.
CREATE TABLE skill_ratings (
  assessment_id bigint NOT NULL REFERENCES skill_assessments(id) ON DELETE CASCADE,
  team_id       text NOT NULL,
  user_id       text NOT NULL,
  skill_id      bigint NOT NULL REFERENCES skills(id) ON DELETE CASCADE,
  level         smallint NOT NULL CHECK (level BETWEEN 1 AND 5),
  target        smallint NOT NULL CHECK (target BETWEEN 1 AND 5),
  assessed_at   timestamptz NOT NULL,
  PRIMARY KEY (assessment_id, skill_id)
);
CREATE INDEX skill_ratings_history_idx
  ON skill_ratings (team_id, user_id, skill_id, assessed_at DESC, assessment_id DESC)
  INCLUDE (level, target);

-- The action plan of one gap: read (with an optional link), practice, show progress, each
-- ticked off on its own. Kept when the skill leaves the top 3, so it is there if it comes back.
CREATE TABLE skill_action_plans (
  team_id        text NOT NULL,
  user_id        text NOT NULL,
  skill_id       bigint NOT NULL REFERENCES skills(id) ON DELETE CASCADE,
  read_text      text NOT NULL CHECK (char_length(read_text) BETWEEN 1 AND 300),
  read_url       text CHECK (char_length(read_url) <= 500),
  practice_text  text NOT NULL CHECK (char_length(practice_text) BETWEEN 1 AND 300),
  show_text      text NOT NULL CHECK (char_length(show_text) BETWEEN 1 AND 300),
  read_done      boolean NOT NULL DEFAULT false,
  practice_done  boolean NOT NULL DEFAULT false,
  show_done      boolean NOT NULL DEFAULT false,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (team_id, user_id, skill_id),
  FOREIGN KEY (team_id, user_id) REFERENCES members(team_id, user_id) ON DELETE CASCADE
);

-- A 12-week learning sprint. start_date is the member's local calendar day. One active sprint
-- per member (the partial unique index); starting another closes it first.
CREATE TABLE learning_sprints (
  id               bigserial PRIMARY KEY,
  team_id          text NOT NULL,
  user_id          text NOT NULL,
  start_date       date NOT NULL,
  status           text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed', 'completed')),
  closed_at        timestamptz,
  retro_went_well  text CHECK (char_length(retro_went_well) <= 1000),
  retro_to_change  text CHECK (char_length(retro_to_change) <= 1000),
  retro_at         timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (team_id, user_id) REFERENCES members(team_id, user_id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX learning_sprints_one_active_idx ON learning_sprints (team_id, user_id) WHERE status = 'active';
CREATE INDEX learning_sprints_member_idx ON learning_sprints (team_id, user_id, created_at DESC);

CREATE TABLE sprint_focal_skills (
  sprint_id   bigint NOT NULL REFERENCES learning_sprints(id) ON DELETE CASCADE,
  skill_id    bigint NOT NULL REFERENCES skills(id) ON DELETE CASCADE,
  position    smallint NOT NULL,
  PRIMARY KEY (sprint_id, skill_id)
);

CREATE TABLE sprint_week_goals (
  sprint_id   bigint NOT NULL REFERENCES learning_sprints(id) ON DELETE CASCADE,
  week        smallint NOT NULL CHECK (week BETWEEN 1 AND 12),
  goal        text NOT NULL CHECK (char_length(goal) BETWEEN 1 AND 200),
  PRIMARY KEY (sprint_id, week)
);
