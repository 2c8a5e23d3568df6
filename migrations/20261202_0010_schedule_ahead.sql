-- Schedule ahead (docs/outbox.md, "Scheduled with Slack"): a member's reminder of a planned
-- occurrence is handed to Slack with chat.scheduleMessage hours before it is due, so the rate
-- budget is spent while scheduling, not at the due minute. The row is `scheduled` while Slack
-- holds it; `scheduled_message_id` is Slack's id for deleting it, and `unscheduled_at` records
-- that it was deleted (a later pause, out-of-office, skip, ritual pause or answer).
ALTER TABLE outbox DROP CONSTRAINT outbox_status_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_status_check
  CHECK (status IN ('planned', 'sending', 'scheduled', 'sent', 'skipped', 'failed', 'done'));

ALTER TABLE outbox ADD COLUMN scheduled_message_id text;
ALTER TABLE outbox ADD COLUMN unscheduled_at timestamptz;

-- What the unschedule sweep reads: messages Slack still holds for us, by workspace and due time.
CREATE INDEX outbox_held_by_slack_idx ON outbox (team_id, due_at)
  WHERE scheduled_message_id IS NOT NULL AND unscheduled_at IS NULL;
-- What the minute sweep reads to record shown messages as sent.
CREATE INDEX outbox_scheduled_due_idx ON outbox (due_at) WHERE status = 'scheduled';
