-- Feedback (docs/product/feedback.md): requests for feedback and the people asked, managers, and
-- the periodic feedback conversation between a member and their manager. Every row carries
-- team_id; member ids are in `user_id` columns so delete-my-data can find them all.

-- One request: a member's question to peers (`peer`), or the ask the app makes for a presenter
-- after a design review (`review`, one per session: source_key = 'review:<session>').
-- `user_id` is whoever receives the answers (the requester, or the presenter).
CREATE TABLE feedback_requests (
  id          bigserial PRIMARY KEY,
  team_id     text NOT NULL REFERENCES workspaces(team_id) ON DELETE CASCADE,
  user_id     text NOT NULL,
  origin      text NOT NULL CHECK (origin IN ('peer', 'review')),
  source_key  text,
  question    text NOT NULL CHECK (char_length(question) BETWEEN 1 AND 500),
  -- What the question is about, optionally: a key result of the requester (id) or a skill
  -- (a name today; the skills feature can tie it to its catalogue).
  about_kind  text CHECK (about_kind IN ('key_result', 'skill')),
  about_id    text,
  about_label text CHECK (char_length(about_label) <= 150),
  anonymous   boolean NOT NULL DEFAULT false,
  -- The request closes at closes_at (17:00 on the due date, the requester's time): answers after
  -- that are refused, and the summary DM goes out then.
  due_date    date NOT NULL,
  closes_at   timestamptz NOT NULL,
  tz          text NOT NULL,
  created_at  timestamptz NOT NULL,
  UNIQUE (team_id, source_key),
  CHECK ((about_kind IS NULL) = (about_label IS NULL))
);
CREATE INDEX feedback_requests_member_idx ON feedback_requests (team_id, user_id, closes_at DESC);

-- One person asked by one request, and what they did: answered (the answer is stored here, with
-- its author, because one person answers once and delete-my-data must find it; it is never shown
-- with the author's name when the request is anonymous), declined (with an optional reason), or
-- nothing yet.
CREATE TABLE feedback_asks (
  id             bigserial PRIMARY KEY,
  request_id     bigint NOT NULL REFERENCES feedback_requests(id) ON DELETE CASCADE,
  team_id        text NOT NULL,
  user_id        text NOT NULL,
  status         text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'answered', 'declined')),
  answer         text CHECK (char_length(answer) <= 3000),
  -- Design-review asks: "one concrete thing to improve" (`answer` holds "what worked").
  improve        text CHECK (char_length(improve) <= 3000),
  rating         smallint CHECK (rating BETWEEN 1 AND 5),
  decline_reason text CHECK (char_length(decline_reason) <= 500),
  responded_at   timestamptz,
  created_at     timestamptz NOT NULL,
  UNIQUE (request_id, user_id),
  CHECK ((status = 'answered') = (answer IS NOT NULL))
);
CREATE INDEX feedback_asks_member_idx ON feedback_asks (team_id, user_id, status);

-- Who a member's manager is (`/careerplan manager @x`): one per member.
CREATE TABLE feedback_managers (
  team_id     text NOT NULL REFERENCES workspaces(team_id) ON DELETE CASCADE,
  user_id     text NOT NULL,
  manager_id  text NOT NULL CHECK (manager_id <> user_id),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (team_id, user_id)
);
CREATE INDEX feedback_managers_manager_idx ON feedback_managers (team_id, manager_id);

-- How often each team's members are nudged to hold a feedback conversation with their manager.
-- No row = every 3 months; 0 = off.
CREATE TABLE feedback_settings (
  team_id                   text PRIMARY KEY REFERENCES workspaces(team_id) ON DELETE CASCADE,
  conversation_every_months smallint NOT NULL CHECK (conversation_every_months IN (0, 1, 2, 3, 4, 6, 12)),
  updated_at                timestamptz NOT NULL DEFAULT now()
);

-- One feedback conversation per member and period (period = 'YYYY-MM' of the period's first
-- month, e.g. '2026-07' for the third quarter). It is held once both confirmed it.
CREATE TABLE feedback_conversations (
  id                   bigserial PRIMARY KEY,
  team_id              text NOT NULL REFERENCES workspaces(team_id) ON DELETE CASCADE,
  user_id              text NOT NULL,
  manager_id           text,
  period               text NOT NULL CHECK (period ~ '^\d{4}-\d{2}$'),
  member_confirmed_at  timestamptz,
  manager_confirmed_at timestamptz,
  held_at              timestamptz,
  created_at           timestamptz NOT NULL,
  UNIQUE (team_id, user_id, period)
);

-- Whether a member belongs to another workspace (a Slack Connect guest): Slack's user.team_id,
-- stored with the profile. Null when Slack did not say.
ALTER TABLE members ADD COLUMN home_team_id text;

-- The after-review asks read recent design-review activity across workspaces by kind and time.
CREATE INDEX activity_events_kind_time_idx ON activity_events (kind, occurred_at);
