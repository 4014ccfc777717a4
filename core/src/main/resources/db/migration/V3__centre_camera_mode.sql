-- Per centre: hold its cameras' streams open (default) or sample them only on demand (small centres,
-- thin uplinks). A camera is held when both it and its centre say so.
ALTER TABLE centres ADD COLUMN hold_cameras boolean NOT NULL DEFAULT true;
