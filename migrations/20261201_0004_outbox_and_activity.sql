-- The outbox (docs/outbox.md): the reminders' `deliveries` table becomes the one exactly-once path
-- for every message the bot sends on its own — member DMs, channel posts and thread replies. A
-- ritual reminder is an outbox row like any other; its occurrence and local date stay on the row
-- because pause and out-of-office are checked at send time for every member DM.
ALTER TABLE deliveries RENAME TO outbox;
ALTER SEQUENCE deliveries_id_seq RENAME TO outbox_id_seq;
ALTER TABLE outbox RENAME CONSTRAINT deliveries_status_check TO outbox_status_check;
ALTER TABLE outbox RENAME CONSTRAINT deliveries_occurrence_id_fkey TO outbox_occurrence_id_fkey;
ALTER INDEX deliveries_occurrence_id_user_id_key RENAME TO outbox_occurrence_id_user_id_key;
ALTER INDEX deliveries_pending_idx RENAME TO outbox_pending_idx;
ALTER INDEX deliveries_member_idx RENAME TO outbox_member_idx;
ALTER INDEX deliveries_pkey RENAME TO outbox_pkey;

-- Where the message goes (dm: a member; channel: a channel; thread: under another outbox row's
-- message) and where it went (channel_id is the DM channel once known, for DMs).
ALTER TABLE outbox RENAME COLUMN dm_channel_id TO channel_id;
ALTER TABLE outbox ALTER COLUMN occurrence_id DROP NOT NULL;
ALTER TABLE outbox ALTER COLUMN user_id DROP NOT NULL;
ALTER TABLE outbox ALTER COLUMN local_date DROP NOT NULL;
ALTER TABLE outbox ALTER COLUMN tz DROP NOT NULL;
ALTER TABLE outbox ADD COLUMN target text NOT NULL DEFAULT 'dm' CHECK (target IN ('dm', 'channel', 'thread'));
ALTER TABLE outbox ADD COLUMN parent_id bigint REFERENCES outbox(id) ON DELETE CASCADE;
-- The feature's message kind (checked against the registry in code, not here, so a new feature
-- needs no migration of this table) and what it needs to render the message at send time.
ALTER TABLE outbox ADD COLUMN kind text NOT NULL DEFAULT 'ritual.reminder';
ALTER TABLE outbox ALTER COLUMN kind DROP DEFAULT;
ALTER TABLE outbox ADD COLUMN payload jsonb NOT NULL DEFAULT '{}';
-- The feature's idempotency key: enqueueing the same key twice stores one row.
ALTER TABLE outbox ADD COLUMN idempotency_key text;
UPDATE outbox SET idempotency_key = 'ritual:' || occurrence_id || ':' || user_id;
UPDATE outbox AS x SET payload = jsonb_build_object('ritualId', o.ritual_id::text)
  FROM ritual_occurrences o WHERE o.id = x.occurrence_id;
ALTER TABLE outbox ALTER COLUMN idempotency_key SET NOT NULL;
ALTER TABLE outbox ADD CONSTRAINT outbox_idempotency_key_key UNIQUE (team_id, idempotency_key);
ALTER TABLE outbox ADD CONSTRAINT outbox_target_shape CHECK (
  (target = 'dm' AND user_id IS NOT NULL)
  OR (target = 'channel' AND channel_id IS NOT NULL)
  OR (target = 'thread' AND parent_id IS NOT NULL)
);
CREATE INDEX outbox_parent_idx ON outbox (parent_id) WHERE parent_id IS NOT NULL;
-- One reminder per member and occurrence is now the idempotency key's job; the old pair would
-- forbid a second message to a member about the same occurrence (a feedback ask, a digest DM).
ALTER TABLE outbox DROP CONSTRAINT outbox_occurrence_id_user_id_key;
CREATE INDEX outbox_occurrence_idx ON outbox (occurrence_id) WHERE occurrence_id IS NOT NULL;

-- Ritual names are checked against the ritual-type registry in code, so a new ritual type is a
-- feature folder, not a migration.
ALTER TABLE rituals DROP CONSTRAINT rituals_name_check;

-- Member activity, appended by features (docs/activity.md). The source key is unique per team,
-- so recording the same thing twice (a retried event, a resubmitted modal) stores it once.
CREATE TABLE activity_events (
  id          bigserial PRIMARY KEY,
  team_id     text NOT NULL,
  user_id     text NOT NULL,
  kind        text NOT NULL,
  source_key  text NOT NULL,
  occurred_at timestamptz NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (team_id, source_key)
);
CREATE INDEX activity_events_member_idx ON activity_events (team_id, user_id, kind, occurred_at);
CREATE INDEX activity_events_team_time_idx ON activity_events (team_id, occurred_at);

-- What happened before this table existed, so the quick start keeps its ticks.
INSERT INTO activity_events (team_id, user_id, kind, source_key, occurred_at)
  SELECT team_id, user_id, 'north_star.set', 'north_star:' || user_id, updated_at FROM north_stars
  ON CONFLICT DO NOTHING;
INSERT INTO activity_events (team_id, user_id, kind, source_key, occurred_at)
  SELECT team_id, user_id, 'contribution.logged', 'contribution:' || id, created_at
    FROM portfolio_artifacts WHERE source = 'contribution'
  ON CONFLICT DO NOTHING;
INSERT INTO activity_events (team_id, user_id, kind, source_key, occurred_at)
  SELECT team_id, user_id, 'artifact.' || kind, 'contribution:' || id || '#artifact', created_at
    FROM portfolio_artifacts
  ON CONFLICT DO NOTHING;
INSERT INTO activity_events (team_id, user_id, kind, source_key, occurred_at)
  SELECT team_id, user_id, 'key_result.moved', 'kr_checkin:' || id, created_at FROM key_result_checkins
  ON CONFLICT DO NOTHING;
