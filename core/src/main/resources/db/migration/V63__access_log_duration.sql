-- Live sessions (issue 16): the row written when a live view ends carries its duration; the row written when
-- it started has none. Covered by the hash chain when present, so older rows verify unchanged.
ALTER TABLE access_log ADD COLUMN duration_ms bigint CHECK (duration_ms IS NULL OR duration_ms >= 0);
