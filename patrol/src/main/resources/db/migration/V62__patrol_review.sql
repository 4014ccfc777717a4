-- Patrol review (issue 13): the officer's verdict on a visit (normal, or findings), each finding with its
-- frames, the counts seen per class (with the ratio/size flags, for review, never a violation by itself) and
-- the alert it became; and the one alert per visit not reviewed by the end of its round. Owned by the patrol
-- module (org.carewatch.patrol.review, org.carewatch.patrol.coverage).

CREATE TABLE patrol_verdicts (
    visit_id    bigint      PRIMARY KEY REFERENCES rotation_visits (id),
    district_id bigint      NOT NULL REFERENCES districts (id),
    centre_id   bigint      NOT NULL REFERENCES centres (id),
    officer_id  bigint      NOT NULL REFERENCES users (id),
    verdict     text        NOT NULL CHECK (verdict IN ('normal', 'findings')),
    recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX patrol_verdicts_centre ON patrol_verdicts (centre_id, recorded_at DESC);

CREATE TABLE patrol_findings (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    visit_id           bigint      NOT NULL REFERENCES patrol_verdicts (visit_id),
    position           smallint    NOT NULL,
    category           text        NOT NULL CHECK (category IN ('children_unattended', 'adult_child_ratio', 'unsafe_behaviour',
                                       'suspected_abuse', 'hygiene', 'fire_or_escape_hazard', 'nap_supervision', 'camera_problem',
                                       'privacy_problem', 'other')),
    severity           text        NOT NULL CHECK (severity IN ('critical', 'major', 'minor', 'warning')),
    note               text        NOT NULL CHECK (length(note) <= 2000),
    frame_ids          bigint[]    NOT NULL DEFAULT '{}',
    -- The alert addressed to the centre (alerts module); null until raised (a failed raise is retried).
    alert_id           bigint,
    -- Suspected abuse: when the district closed the alert and the frames' protection was dropped.
    frames_released_at timestamptz,
    UNIQUE (visit_id, position)
);
CREATE INDEX patrol_findings_pending ON patrol_findings (id) WHERE alert_id IS NULL;
CREATE INDEX patrol_findings_alert ON patrol_findings (alert_id);

-- Adults and children seen in a frame for a class; the flags say which national limits the count breaks.
CREATE TABLE patrol_finding_counts (
    finding_id  bigint   NOT NULL REFERENCES patrol_findings (id),
    position    smallint NOT NULL,
    class_id    bigint   NOT NULL REFERENCES centre_classes (id),
    adults      integer  NOT NULL CHECK (adults BETWEEN 0 AND 500),
    children    integer  NOT NULL CHECK (children BETWEEN 0 AND 500),
    ratio_flag  boolean  NOT NULL,
    size_flag   boolean  NOT NULL,
    PRIMARY KEY (finding_id, position)
);

-- A visit not reviewed by the end of its round: one alert to the district, claimed here first so the check
-- is idempotent across runs and nodes (alert_id null: claimed, raise to be retried).
CREATE TABLE patrol_overdue_visits (
    visit_id   bigint      PRIMARY KEY REFERENCES rotation_visits (id),
    alert_id   bigint,
    claimed_at timestamptz NOT NULL DEFAULT now()
);
