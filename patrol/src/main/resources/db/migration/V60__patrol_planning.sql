-- Patrol planning (issue 13): officers' rosters and conflicts of interest (回避), centre classes, each
-- district's rotation rules, the drawn days with their visits, and field spot checks. Owned by the patrol
-- module (org.carewatch.patrol); other modules read these through its services.

CREATE TABLE officer_rosters (
    user_id      bigint      PRIMARY KEY REFERENCES users (id),
    -- ISO day numbers (1 = Monday) the officer works.
    working_days smallint[]  NOT NULL DEFAULT '{1,2,3,4,5}',
    version      integer     NOT NULL DEFAULT 0,
    updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE officer_absences (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id   bigint NOT NULL REFERENCES users (id),
    from_date date   NOT NULL,
    to_date   date   NOT NULL,
    CHECK (to_date >= from_date)
);
CREATE INDEX officer_absences_user ON officer_absences (user_id, from_date);

CREATE TABLE officer_conflicts (
    user_id     bigint      NOT NULL REFERENCES users (id),
    centre_id   bigint      NOT NULL REFERENCES centres (id),
    declared_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, centre_id)
);

CREATE TABLE centre_classes (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    centre_id  bigint      NOT NULL REFERENCES centres (id),
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    age_group  text        NOT NULL CHECK (age_group IN ('under_12_months', '12_24_months', '24_36_months', 'mixed')),
    enrolled   integer     NOT NULL DEFAULT 0 CHECK (enrolled BETWEEN 0 AND 200),
    carers     integer     NOT NULL DEFAULT 0 CHECK (carers BETWEEN 0 AND 50),
    version    integer     NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX centre_classes_centre ON centre_classes (centre_id);

CREATE TABLE rotation_rules (
    district_id           bigint      PRIMARY KEY REFERENCES districts (id),
    time_zone             text        NOT NULL,
    -- How old a sampled frame may be when it is reviewed, and how far before a round frames are taken.
    max_frame_age_minutes integer     NOT NULL CHECK (max_frame_age_minutes BETWEEN 1 AND 1440),
    sample_lead_minutes   integer     NOT NULL CHECK (sample_lead_minutes BETWEEN 0 AND 720),
    inspectors_per_check  integer     NOT NULL DEFAULT 2 CHECK (inspectors_per_check BETWEEN 2 AND 10),
    version               integer     NOT NULL DEFAULT 0,
    updated_at            timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE rotation_rounds (
    district_id bigint   NOT NULL REFERENCES rotation_rules (district_id) ON DELETE CASCADE,
    position    smallint NOT NULL,
    name        text     NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
    starts_at   time     NOT NULL,
    ends_at     time     NOT NULL,
    coverage    text     NOT NULL CHECK (coverage IN ('all_open', 'napping')),
    PRIMARY KEY (district_id, position),
    CHECK (ends_at > starts_at)
);

-- One row per draw: the day's draw (seq 0) and its re-draws after absences (seq 1, 2, ...). The inputs and
-- the plan are kept as their canonical JSON text, byte for byte as published (jsonb would reorder them).
-- A draw replaced before its day started is kept, marked superseded.
CREATE TABLE rotation_draws (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    district_id     bigint      NOT NULL REFERENCES districts (id),
    day             date        NOT NULL,
    seq             integer     NOT NULL,
    kind            text        NOT NULL CHECK (kind IN ('day', 'replan')),
    seed            bytea       NOT NULL CHECK (length(seed) = 32),
    seed_commitment text        NOT NULL,
    inputs_digest   text        NOT NULL,
    inputs_json     text        NOT NULL,
    plan_json       text        NOT NULL,
    reveal_at       timestamptz NOT NULL,
    created_by      text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    superseded_at   timestamptz
);
CREATE UNIQUE INDEX rotation_draws_current ON rotation_draws (district_id, day, seq) WHERE superseded_at IS NULL;

-- A visit: one officer looks at one centre in one round. Status: planned, reviewed (finished; never moves),
-- reassigned (re-drawn to another officer after an absence; the new visit is its own row).
CREATE TABLE rotation_visits (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    draw_id     bigint      NOT NULL REFERENCES rotation_draws (id),
    district_id bigint      NOT NULL REFERENCES districts (id),
    day         date        NOT NULL,
    round_index smallint    NOT NULL,
    centre_id   bigint      NOT NULL REFERENCES centres (id),
    officer_id  bigint      NOT NULL REFERENCES users (id),
    position    integer     NOT NULL,
    status      text        NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'reviewed', 'reassigned')),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rotation_visits_day ON rotation_visits (district_id, day);
CREATE INDEX rotation_visits_officer ON rotation_visits (officer_id, day);

CREATE TABLE spot_checks (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    district_id     bigint      NOT NULL REFERENCES districts (id),
    from_date       date        NOT NULL,
    to_date         date        NOT NULL,
    share           text        NOT NULL,
    seed            bytea       NOT NULL CHECK (length(seed) = 32),
    seed_commitment text        NOT NULL,
    inputs_digest   text        NOT NULL,
    inputs_json     text        NOT NULL,
    plan_json       text        NOT NULL,
    reveal_at       timestamptz NOT NULL,
    created_by      text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (to_date >= from_date)
);
CREATE INDEX spot_checks_district ON spot_checks (district_id, from_date);

CREATE TABLE spot_check_visits (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    spot_check_id bigint   NOT NULL REFERENCES spot_checks (id),
    centre_id     bigint   NOT NULL REFERENCES centres (id),
    visit_date    date     NOT NULL,
    inspector_ids bigint[] NOT NULL,
    status        text     NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'done'))
);
CREATE INDEX spot_check_visits_check ON spot_check_visits (spot_check_id);
