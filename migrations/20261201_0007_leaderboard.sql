-- The team leaderboard (docs/product/leaderboard.md): per-team settings and point rules, members
-- who opted out, and a roll-up of activity events that keeps the standings fast at a million
-- events: counts per member, week and kind, and scored points per member and period.

-- Per-team switches. The weekly post goes out on `post_weekday` (1 = Monday) at `post_time` in
-- the team's zone, in the learning-hour ritual's channel.
CREATE TABLE leaderboard_settings (
  team_id        text PRIMARY KEY REFERENCES workspaces(team_id) ON DELETE CASCADE,
  posts_enabled  boolean NOT NULL DEFAULT true,
  totals_only    boolean NOT NULL DEFAULT false,
  post_weekday   smallint NOT NULL DEFAULT 1 CHECK (post_weekday BETWEEN 1 AND 7),
  post_time      text NOT NULL DEFAULT '09:00' CHECK (post_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

-- The points each activity kind is worth unless a team changed them: a copy of the defaults its
-- source declares in code (src/domain/activity/points.ts), kept in step by the app at start-up, so
-- the triggers below can score an event without the app. A kind missing here scores nothing.
CREATE TABLE leaderboard_default_points (
  kind        text PRIMARY KEY,
  points      integer NOT NULL CHECK (points BETWEEN 0 AND 100),
  weekly_cap  integer NOT NULL CHECK (weekly_cap BETWEEN 0 AND 50)
);
INSERT INTO leaderboard_default_points (kind, points, weekly_cap) VALUES
  ('summary.posted', 3, 1),
  ('review.attended', 2, 1),
  ('review.presented', 5, 1),
  ('feedback.given', 3, 3),
  ('skill_checkin.done', 2, 1),
  ('key_result.moved', 1, 3),
  ('contribution.logged', 3, 1);

-- An admin's edits, by kind; they win over the defaults.
CREATE TABLE leaderboard_team_points (
  team_id     text NOT NULL REFERENCES workspaces(team_id) ON DELETE CASCADE,
  kind        text NOT NULL,
  points      integer NOT NULL CHECK (points BETWEEN 0 AND 100),
  weekly_cap  integer NOT NULL CHECK (weekly_cap BETWEEN 0 AND 50),
  PRIMARY KEY (team_id, kind)
);

-- Members who asked never to be named on the leaderboard (their points still count in totals).
CREATE TABLE leaderboard_optouts (
  team_id     text NOT NULL,
  user_id     text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (team_id, user_id)
);

-- Roll-up 1: how many events of each kind a member has in each week (Monday to Sunday in the
-- team's zone). Streaks and rescoring read it.
CREATE TABLE leaderboard_weeks (
  team_id     text NOT NULL,
  week_start  date NOT NULL,
  user_id     text NOT NULL,
  kind        text NOT NULL,
  events      integer NOT NULL CHECK (events >= 0),
  PRIMARY KEY (team_id, week_start, user_id, kind)
);
-- Streaks read one kind of a few members across all their weeks; a member's own line reads their
-- weeks of one period. (`events` is in no index, so an award's update stays a HOT update.)
CREATE INDEX leaderboard_weeks_streak_idx ON leaderboard_weeks (team_id, kind, user_id, week_start);
CREATE INDEX leaderboard_weeks_member_idx ON leaderboard_weeks (team_id, user_id, week_start);
-- Who posted a summary in a given week (the streak keepers a post thanks).
CREATE INDEX leaderboard_weeks_kind_week_idx ON leaderboard_weeks (team_id, kind, week_start) INCLUDE (user_id);

-- Roll-up 2: a member's points in a week, a month and a quarter, caps applied. Months and
-- quarters are made of whole weeks (a week belongs to the month of its Thursday, as ISO weeks
-- belong to years), so a weekly cap never splits. Standings read one period's rows.
CREATE TABLE leaderboard_scores (
  team_id       text NOT NULL,
  span          text NOT NULL CHECK (span IN ('week', 'month', 'quarter')),
  period_start  date NOT NULL,
  user_id       text NOT NULL,
  points        integer NOT NULL,
  PRIMARY KEY (team_id, span, period_start, user_id)
);

-- The Monday (team zone) of the week an instant falls in.
CREATE FUNCTION leaderboard_week_of(tz text, at timestamptz) RETURNS date
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT date_trunc('week', at AT TIME ZONE tz)::date $$;

-- The first day of the period a week belongs to (by its Thursday).
CREATE FUNCTION leaderboard_period_of(span text, week date) RETURNS date
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE span WHEN 'week' THEN week
                         ELSE date_trunc(span, week + 3)::date END $$;

-- One advisory lock per team: awards share it; rescoring and rebuilding take it alone, so they
-- see every award in flight and every later award sees their result.
CREATE FUNCTION leaderboard_lock_key(team text) RETURNS bigint
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT hashtextextended('leaderboard:' || team, 0) $$;

CREATE FUNCTION leaderboard_team_tz(team text) RETURNS text
  LANGUAGE sql STABLE
  AS $$ SELECT coalesce((SELECT default_tz FROM workspaces WHERE team_id = team), 'UTC') $$;

-- The rules in force for a team: its edits, else the defaults.
CREATE FUNCTION leaderboard_rules(team text) RETURNS TABLE (kind text, points integer, weekly_cap integer)
  LANGUAGE sql STABLE
  AS $$
    SELECT t.kind, t.points, t.weekly_cap FROM leaderboard_team_points t WHERE t.team_id = team
    UNION ALL
    SELECT d.kind, d.points, d.weekly_cap FROM leaderboard_default_points d
     WHERE NOT EXISTS (SELECT 1 FROM leaderboard_team_points t WHERE t.team_id = team AND t.kind = d.kind)
  $$;

CREATE FUNCTION leaderboard_add_points(team text, member text, period_span text, start date, delta integer)
  RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO leaderboard_scores AS s (team_id, span, period_start, user_id, points)
    VALUES (team, period_span, start, member, delta)
    ON CONFLICT (team_id, span, period_start, user_id) DO UPDATE SET points = s.points + delta;
  -- A member back at zero leaves no row (an erased member leaves nothing here).
  DELETE FROM leaderboard_scores
    WHERE team_id = team AND span = period_span AND period_start = start AND user_id = member AND points = 0;
END $$;

-- Counts one event in (delta 1) or out (delta -1) and moves the member's points by what the
-- event changed under the cap. Concurrent awards for one member, week and kind serialise on the
-- count row (the upsert locks it), so each sees the count before it and no point is lost or
-- counted twice; the same event recorded twice never gets here twice, because activity_events'
-- unique source key stops the second insert first.
CREATE FUNCTION leaderboard_count(team text, member text, event_kind text, at timestamptz, delta integer)
  RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  week date;
  after_count integer;
  rule_points integer;
  rule_cap integer;
  moved integer;
BEGIN
  PERFORM pg_advisory_xact_lock_shared(leaderboard_lock_key(team));
  week := leaderboard_week_of(leaderboard_team_tz(team), at);
  IF delta > 0 THEN
    INSERT INTO leaderboard_weeks AS w (team_id, week_start, user_id, kind, events)
      VALUES (team, week, member, event_kind, 1)
      ON CONFLICT (team_id, week_start, user_id, kind) DO UPDATE SET events = w.events + 1
      RETURNING events INTO after_count;
  ELSE
    UPDATE leaderboard_weeks SET events = events - 1
      WHERE team_id = team AND week_start = week AND user_id = member AND kind = event_kind AND events > 0
      RETURNING events INTO after_count;
    IF after_count IS NULL THEN
      RETURN;
    END IF;
    DELETE FROM leaderboard_weeks
      WHERE team_id = team AND week_start = week AND user_id = member AND kind = event_kind AND events = 0;
  END IF;

  SELECT r.points, r.weekly_cap INTO rule_points, rule_cap FROM leaderboard_rules(team) r WHERE r.kind = event_kind;
  IF rule_points IS NULL OR rule_points = 0 THEN
    RETURN;
  END IF;
  moved := rule_points * (least(after_count, rule_cap) - least(after_count - delta, rule_cap));
  IF moved <> 0 THEN
    PERFORM leaderboard_add_points(team, member, 'week', week, moved);
    PERFORM leaderboard_add_points(team, member, 'month', leaderboard_period_of('month', week), moved);
    PERFORM leaderboard_add_points(team, member, 'quarter', leaderboard_period_of('quarter', week), moved);
  END IF;
END $$;

CREATE FUNCTION leaderboard_activity_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    PERFORM leaderboard_count(OLD.team_id, OLD.user_id, OLD.kind, OLD.occurred_at, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM leaderboard_count(NEW.team_id, NEW.user_id, NEW.kind, NEW.occurred_at, 1);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER leaderboard_activity_rollup
  AFTER INSERT OR DELETE OR UPDATE OF team_id, user_id, kind, occurred_at ON activity_events
  FOR EACH ROW EXECUTE FUNCTION leaderboard_activity_changed();

-- Recomputes a team's points from its counts (after an admin edits the points, or the defaults
-- in code change).
CREATE FUNCTION leaderboard_rescore(team text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(leaderboard_lock_key(team));
  DELETE FROM leaderboard_scores WHERE team_id = team;
  INSERT INTO leaderboard_scores (team_id, span, period_start, user_id, points)
    SELECT team, p.span, leaderboard_period_of(p.span, w.week_start), w.user_id,
           sum(r.points * least(w.events, r.weekly_cap))
      FROM leaderboard_weeks w
      JOIN leaderboard_rules(team) r ON r.kind = w.kind
      CROSS JOIN (VALUES ('week'), ('month'), ('quarter')) AS p(span)
     WHERE w.team_id = team
     GROUP BY 1, 2, 3, 4
    HAVING sum(r.points * least(w.events, r.weekly_cap)) <> 0;
END $$;

-- Recounts a team's weeks from its events, then rescores (the team's zone moved every week).
CREATE FUNCTION leaderboard_rebuild(team text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  tz text;
BEGIN
  PERFORM pg_advisory_xact_lock(leaderboard_lock_key(team));
  tz := leaderboard_team_tz(team);
  DELETE FROM leaderboard_weeks WHERE team_id = team;
  INSERT INTO leaderboard_weeks (team_id, week_start, user_id, kind, events)
    SELECT team, date_trunc('week', occurred_at AT TIME ZONE tz)::date, user_id, kind, count(*)
      FROM activity_events WHERE team_id = team
     GROUP BY 2, 3, 4;
  PERFORM leaderboard_rescore(team);
END $$;

CREATE FUNCTION leaderboard_zone_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM leaderboard_rebuild(NEW.team_id);
  RETURN NULL;
END $$;

CREATE TRIGGER leaderboard_zone_rollup
  AFTER UPDATE OF default_tz ON workspaces
  FOR EACH ROW WHEN (OLD.default_tz IS DISTINCT FROM NEW.default_tz)
  EXECUTE FUNCTION leaderboard_zone_changed();

-- Events recorded before this migration.
SELECT leaderboard_rebuild(team_id) FROM (SELECT DISTINCT team_id FROM activity_events) AS teams;
