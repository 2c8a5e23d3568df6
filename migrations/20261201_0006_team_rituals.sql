-- The team rituals (docs/product/rituals.md): the weekly learning hour's summaries and the
-- bi-weekly design review's rotation, sessions, attendance and swaps; plus one generic engine
-- table, the scheduled steps of an occurrence (docs/delivery.md, "Occurrence steps").

-- What a ritual type does at set times around one occurrence besides its post or reminders
-- (the learning hour's member reminders and digest; the design review's presenter DM and its
-- completion). One row per (occurrence, step): planning twice stores one row. The BullMQ timer
-- is only a copy of due_at that reconcile can always rebuild from here.
CREATE TABLE ritual_occurrence_steps (
  id             bigserial PRIMARY KEY,
  occurrence_id  bigint NOT NULL REFERENCES ritual_occurrences(id) ON DELETE CASCADE,
  team_id        text NOT NULL,
  step           text NOT NULL,
  due_at         timestamptz NOT NULL,
  status         text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'done', 'skipped')),
  skip_reason    text,
  attempts       integer NOT NULL DEFAULT 0,
  last_error     text,
  finished_at    timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (occurrence_id, step)
);
CREATE INDEX ritual_occurrence_steps_pending_idx ON ritual_occurrence_steps (due_at) WHERE status = 'planned';

-- A thread reply arrives as a message event naming its thread by (channel, ts): find the
-- ritual post it answers without scanning the outbox.
CREATE INDEX outbox_ritual_post_message_idx ON outbox (team_id, channel_id, message_ts)
  WHERE kind = 'ritual.post';

-- The design review's session is a channel post now (it was declared as DMs before it was built).
UPDATE rituals SET audience = 'channel' WHERE name = 'design-review';

-- A learning summary: one member's answer to one week's thread (occurrence_id; NULL until the
-- next thread's digest claims it when none was open). A reply in the thread is identified by its
-- Slack message (channel_id, message_ts), so a retried event stores it once and edits/deletes
-- find it; summaries given by command or modal have no message of their own.
CREATE TABLE learning_summaries (
  id             bigserial PRIMARY KEY,
  team_id        text NOT NULL,
  user_id        text NOT NULL,
  occurrence_id  bigint REFERENCES ritual_occurrences(id) ON DELETE SET NULL,
  body           text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 3000),
  link           text CHECK (link IS NULL OR char_length(link) <= 500),
  source         text NOT NULL CHECK (source IN ('command', 'modal', 'thread')),
  channel_id     text,
  message_ts     text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (team_id, channel_id, message_ts)
);
CREATE INDEX learning_summaries_week_idx ON learning_summaries (occurrence_id, user_id);
CREATE INDEX learning_summaries_member_idx ON learning_summaries (team_id, user_id, created_at DESC);
CREATE INDEX learning_summaries_unclaimed_idx ON learning_summaries (team_id) WHERE occurrence_id IS NULL;

-- Members who opted in to present at the design review. Leaving deletes the row; joining again
-- starts a new join date (ties in the rotation are broken by it).
CREATE TABLE design_review_members (
  team_id    text NOT NULL,
  user_id    text NOT NULL,
  joined_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (team_id, user_id)
);

-- One design-review session per occurrence: its presenter (user_id, NULL when nobody could be
-- picked or they were erased), topic, start and end, and once over its completed event — the
-- presenter and attendees frozen — kept until the feedback feature has asked for feedback.
CREATE TABLE design_review_sessions (
  occurrence_id        bigint PRIMARY KEY REFERENCES ritual_occurrences(id) ON DELETE CASCADE,
  team_id              text NOT NULL,
  ritual_id            bigint NOT NULL REFERENCES rituals(id) ON DELETE CASCADE,
  session_date         date NOT NULL,
  starts_at            timestamptz NOT NULL,
  ends_at              timestamptz NOT NULL,
  user_id              text,
  topic                text CHECK (topic IS NULL OR char_length(topic) <= 200),
  status               text NOT NULL DEFAULT 'assigned' CHECK (status IN ('assigned', 'completed')),
  attendee_ids         text[],
  completed_at         timestamptz,
  feedback_asked_at    timestamptz,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX design_review_sessions_presenter_idx ON design_review_sessions (team_id, user_id, session_date);
CREATE INDEX design_review_sessions_feedback_idx ON design_review_sessions (team_id, completed_at)
  WHERE status = 'completed' AND feedback_asked_at IS NULL;

-- "I'm attending", one row per member and session.
CREATE TABLE design_review_attendees (
  occurrence_id  bigint NOT NULL REFERENCES design_review_sessions(occurrence_id) ON DELETE CASCADE,
  team_id        text NOT NULL,
  user_id        text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (occurrence_id, user_id)
);
CREATE INDEX design_review_attendees_member_idx ON design_review_attendees (team_id, user_id);

-- A presenter asks the next person in the rotation to swap; that person accepts or declines.
-- Kept as the record of who swapped with whom. At most one open request per session.
CREATE TABLE design_review_swaps (
  id             bigserial PRIMARY KEY,
  occurrence_id  bigint NOT NULL REFERENCES design_review_sessions(occurrence_id) ON DELETE CASCADE,
  team_id        text NOT NULL,
  user_id        text NOT NULL,
  to_user_id     text NOT NULL,
  status         text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn')),
  created_at     timestamptz NOT NULL DEFAULT now(),
  decided_at     timestamptz
);
CREATE UNIQUE INDEX design_review_swaps_open_idx ON design_review_swaps (occurrence_id) WHERE status = 'pending';
CREATE INDEX design_review_swaps_member_idx ON design_review_swaps (team_id, user_id);
CREATE INDEX design_review_swaps_to_member_idx ON design_review_swaps (team_id, to_user_id);
