-- Patrol frames (issue 13): the masked frames sampled from every active camera of every centre before a
-- round, one row per camera and sampling. A camera that gave no frame has a row too, with the problem
-- (the officer sees why; it counts as a camera problem). Frames belong to (district, day, round, centre),
-- not to a visit, so a re-plan that moves the visit to another officer keeps them.
-- The image itself is a JPEG under the configured frames folder (patrol.framesDir), at file_path relative
-- to it (date-based layout: yyyy/MM/dd/...). Masks are applied before the file is written.
CREATE TABLE patrol_frames (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    district_id        bigint      NOT NULL REFERENCES districts (id),
    day                date        NOT NULL,
    round_index        smallint    NOT NULL,
    centre_id          bigint      NOT NULL REFERENCES centres (id),
    camera_id          bigint      NOT NULL,
    -- When the picture was taken (null when the camera gave none).
    taken_at           timestamptz,
    file_path          text,
    width              integer,
    height             integer,
    bytes              integer,
    -- The frame-quality checks' result as JSON text ({"ok":..., "problems":[...]}), null when no frame.
    quality            text,
    -- Why there is no frame (a message key such as camera.offline), null when there is one.
    problem            text,
    -- A suspected-abuse finding's alert that keeps this frame past the retention until the district closes it.
    protected_by_alert bigint,
    purged_at          timestamptz,
    created_at         timestamptz NOT NULL DEFAULT now(),
    CHECK ((file_path IS NULL) = (taken_at IS NULL)),
    CHECK (file_path IS NOT NULL OR problem IS NOT NULL)
);
CREATE INDEX patrol_frames_visit ON patrol_frames (district_id, day, round_index, centre_id);
CREATE INDEX patrol_frames_purge ON patrol_frames (created_at) WHERE purged_at IS NULL AND file_path IS NOT NULL;
