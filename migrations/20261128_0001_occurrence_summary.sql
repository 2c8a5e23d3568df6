-- Operators get one info line per ritual occurrence once every delivery of it is final (sent,
-- skipped, failed). This records that the line was written, so it is written exactly once,
-- whichever worker replica finishes the last delivery.
ALTER TABLE ritual_occurrences ADD COLUMN finished_logged_at timestamptz;
