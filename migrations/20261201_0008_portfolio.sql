-- The impact portfolio, promotion readiness and delete-my-data (docs/product/portfolio.md,
-- readiness.md, delete-my-data.md).

-- Artifacts are the rows the monthly contribution ritual already writes (no second table). An
-- artifact may be evidence for one milestone or one key result of the same member's plan; when
-- that goes, the artifact stays and loses the link.
ALTER TABLE portfolio_artifacts ADD COLUMN milestone_id bigint REFERENCES milestones(id) ON DELETE SET NULL;
ALTER TABLE portfolio_artifacts ADD COLUMN key_result_id bigint REFERENCES key_results(id) ON DELETE SET NULL;
ALTER TABLE portfolio_artifacts ADD CONSTRAINT portfolio_artifacts_one_target
  CHECK (milestone_id IS NULL OR key_result_id IS NULL);
ALTER TABLE portfolio_artifacts ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE portfolio_artifacts ADD CONSTRAINT portfolio_artifacts_lengths CHECK (
  char_length(title) BETWEEN 1 AND 150
  AND char_length(impact) <= 500
  AND (link IS NULL OR char_length(link) <= 500)
);

-- A team's readiness checklist for one track, once an admin edited it (until then the defaults
-- in src/domain/readiness/readiness.ts apply). Items are [{key, label, evidenceNeeded}]; the key
-- stays when an admin rewords an item, so the evidence members linked to it stays too.
CREATE TABLE readiness_checklists (
  team_id     text NOT NULL REFERENCES workspaces(team_id) ON DELETE CASCADE,
  track       text NOT NULL CHECK (track IN ('ic', 'manager', 'staff')),
  items       jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (team_id, track)
);

-- A checklist item ticks only through portfolio evidence: one row per (item, artifact) linked.
-- Removing the artifact removes the link.
CREATE TABLE readiness_evidence (
  team_id     text NOT NULL,
  user_id     text NOT NULL,
  track       text NOT NULL CHECK (track IN ('ic', 'manager', 'staff')),
  item_key    text NOT NULL,
  artifact_id bigint NOT NULL REFERENCES portfolio_artifacts(id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (team_id, user_id, track, item_key, artifact_id),
  FOREIGN KEY (team_id, user_id) REFERENCES members(team_id, user_id) ON DELETE CASCADE
);
CREATE INDEX readiness_evidence_artifact_idx ON readiness_evidence (artifact_id);

-- Who erased whom, and when (delete-my-data): never what was erased, only how many rows of each
-- kind. The subject's Slack id is the one thing kept about an erased member, because proving an
-- erase happened is the point of this table; its columns are deliberately not named user_id.
CREATE TABLE erasure_audit (
  id          bigserial PRIMARY KEY,
  team_id     text NOT NULL,
  subject_id  text NOT NULL,
  actor_id    text NOT NULL,
  by_admin    boolean NOT NULL,
  counts      jsonb NOT NULL DEFAULT '{}',
  erased_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX erasure_audit_team_idx ON erasure_audit (team_id, erased_at DESC);
