-- Rituals and the delivery engine (docs/delivery.md). Postgres is the source of truth for every
-- planned occurrence and every per-member delivery; BullMQ only holds timers that reconcile can
-- always rebuild from these rows.

-- The team's calendar: which weekdays are work days (ISO 1 = Monday) and its holidays.
ALTER TABLE workspaces ADD COLUMN work_week smallint[] NOT NULL DEFAULT '{1,2,3,4,5}';

CREATE TABLE team_holidays (
  team_id     text NOT NULL REFERENCES workspaces(team_id) ON DELETE CASCADE,
  day         date NOT NULL,
  name        text NOT NULL DEFAULT '',
  PRIMARY KEY (team_id, day)
);

-- A member's own reminder switches. paused_until is inclusive; 'infinity' = until resumed.
ALTER TABLE members ADD COLUMN paused_until date;
-- The member's DM channel with the bot, cached so a reminder costs one Slack call, not two.
ALTER TABLE members ADD COLUMN dm_channel_id text;

CREATE TABLE member_ooo (
  id          bigserial PRIMARY KEY,
  team_id     text NOT NULL,
  user_id     text NOT NULL,
  from_day    date NOT NULL,
  to_day      date NOT NULL CHECK (to_day >= from_day),
  created_at  timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (team_id, user_id) REFERENCES members(team_id, user_id) ON DELETE CASCADE
);
CREATE INDEX member_ooo_member_idx ON member_ooo (team_id, user_id, to_day);

CREATE TABLE rituals (
  id          bigserial PRIMARY KEY,
  team_id     text NOT NULL REFERENCES workspaces(team_id) ON DELETE CASCADE,
  name        text NOT NULL CHECK (name IN ('learning-hour', 'design-review', 'contribution')),
  channel_id  text,
  cadence     jsonb NOT NULL,
  local_time  text NOT NULL CHECK (local_time ~ '^[0-2][0-9]:[0-5][0-9]$'),
  audience    text NOT NULL CHECK (audience IN ('channel', 'dm')),
  -- Channel posts use this zone; null = the workspace's default zone. DMs use each member's zone.
  time_zone   text,
  paused      boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (team_id, name)
);

-- Members who opted out of one ritual (SPEC 4.5: excluded from its audience).
CREATE TABLE ritual_optouts (
  ritual_id   bigint NOT NULL REFERENCES rituals(id) ON DELETE CASCADE,
  team_id     text NOT NULL,
  user_id     text NOT NULL,
  PRIMARY KEY (ritual_id, user_id)
);

-- One row per occurrence of a ritual; occurrence_key is the local date for scheduled ones and
-- 'run-<uuid>' for ad-hoc `ritual run`. The unique key makes planning idempotent.
CREATE TABLE ritual_occurrences (
  id              bigserial PRIMARY KEY,
  ritual_id       bigint NOT NULL REFERENCES rituals(id) ON DELETE CASCADE,
  team_id         text NOT NULL,
  occurrence_key  text NOT NULL,
  occurrence_date date NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('scheduled', 'adhoc')),
  status          text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'fanned_out', 'cancelled')),
  fanout_at       timestamptz NOT NULL,
  fanned_out_at   timestamptz,
  requested_by    text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (ritual_id, occurrence_key)
);
CREATE INDEX ritual_occurrences_pending_idx ON ritual_occurrences (status, fanout_at);

-- One row per (occurrence, member): the unit of exactly-once. `round` grows on each snooze; the
-- Slack message carries (delivery id, round) as metadata so an uncertain retry can find it.
CREATE TABLE deliveries (
  id                  bigserial PRIMARY KEY,
  team_id             text NOT NULL,
  occurrence_id       bigint NOT NULL REFERENCES ritual_occurrences(id) ON DELETE CASCADE,
  user_id             text NOT NULL,
  due_at              timestamptz NOT NULL,
  local_date          date NOT NULL,
  tz                  text NOT NULL,
  round               integer NOT NULL DEFAULT 1,
  status              text NOT NULL DEFAULT 'planned'
                        CHECK (status IN ('planned', 'sending', 'sent', 'skipped', 'failed', 'done')),
  skip_reason         text,
  attempts            integer NOT NULL DEFAULT 0,
  last_error          text,
  sending_since       timestamptz,
  sent_at             timestamptz,
  dm_channel_id       text,
  message_ts          text,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (occurrence_id, user_id)
);
CREATE INDEX deliveries_pending_idx ON deliveries (status, due_at) WHERE status IN ('planned', 'sending');
CREATE INDEX deliveries_member_idx ON deliveries (team_id, user_id, created_at DESC);

-- The impact portfolio grows from here (SPEC 4.7); the monthly contribution ritual writes to it.
CREATE TABLE portfolio_artifacts (
  id            bigserial PRIMARY KEY,
  team_id       text NOT NULL,
  user_id       text NOT NULL,
  kind          text NOT NULL,
  title         text NOT NULL,
  link          text,
  impact        text NOT NULL DEFAULT '',
  occurred_on   date NOT NULL,
  source        text NOT NULL DEFAULT 'manual',
  delivery_id   bigint REFERENCES deliveries(id) ON DELETE SET NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (team_id, user_id) REFERENCES members(team_id, user_id) ON DELETE CASCADE
);
CREATE INDEX portfolio_artifacts_member_idx ON portfolio_artifacts (team_id, user_id, occurred_on DESC);
