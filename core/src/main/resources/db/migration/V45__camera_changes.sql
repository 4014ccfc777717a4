-- Changes to cameras, above all a centre's changes to its own cameras (switching off, re-pointing,
-- privacy masks): who, when, before and after (never a password, only whether there is one). Append-only,
-- like the other records of evidence; kept forever.
CREATE TABLE camera_changes (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    time            timestamptz NOT NULL,
    camera_id       bigint      NOT NULL,
    centre_id       bigint      NOT NULL,
    user_id         bigint      NOT NULL,
    username        text        NOT NULL,
    role            text        NOT NULL,
    action          text        NOT NULL CHECK (action IN ('create', 'update', 'masks_approved', 'masks_rejected')),
    -- The fields that changed (camelCase names of the API), e.g. {active} or {host,port}.
    fields          text[]      NOT NULL DEFAULT '{}',
    before          jsonb,
    after           jsonb,
    -- Made during the centre's opening hours (alerted to the district when made by the centre).
    opening_hours   boolean     NOT NULL DEFAULT false,
    -- New privacy masks waiting for a district administrator (camera_mask_requests), when the change asked for any.
    mask_request_id bigint
);
CREATE INDEX camera_changes_centre_time ON camera_changes (centre_id, time DESC);
CREATE INDEX camera_changes_camera_time ON camera_changes (camera_id, time DESC);
CREATE TRIGGER camera_changes_append_only BEFORE UPDATE OR DELETE ON camera_changes
    FOR EACH ROW EXECUTE FUNCTION carewatch_append_only();

-- Privacy masks a centre asked for, waiting for an administrator of the district. The camera keeps its
-- old masks until one is approved; a newer request for the same camera supersedes a pending one.
CREATE TABLE camera_mask_requests (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    camera_id         bigint      NOT NULL REFERENCES cameras (id),
    centre_id         bigint      NOT NULL,
    requested_at      timestamptz NOT NULL,
    requested_by      bigint      NOT NULL,
    requested_by_name text        NOT NULL,
    masks_before      jsonb       NOT NULL,
    masks             jsonb       NOT NULL,
    -- Whether the requested masks hide parts of the picture the current ones show, and the reverse.
    adds_coverage     boolean     NOT NULL,
    removes_coverage  boolean     NOT NULL,
    state             text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'rejected', 'superseded')),
    decided_at        timestamptz,
    decided_by        bigint,
    decided_by_name   text,
    note              text        NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX camera_mask_requests_one_pending ON camera_mask_requests (camera_id) WHERE state = 'pending';
CREATE INDEX camera_mask_requests_centre ON camera_mask_requests (centre_id, id DESC);
