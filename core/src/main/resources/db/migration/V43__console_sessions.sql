-- Console sessions (issue 14): the browser's signed-in state. Like api_tokens, only the SHA-256 of the
-- random 256-bit session id is stored, so a copy of this table signs nobody in; kept in PostgreSQL so a
-- session survives a node restart and works through any node of a cluster.
CREATE TABLE console_sessions (
    id_hash      bytea       PRIMARY KEY,
    user_id      bigint      NOT NULL REFERENCES users (id),
    -- Synchronizer token: every state-changing request of the session's pages must send it back.
    csrf_token   text        NOT NULL,
    created_at   timestamptz NOT NULL,
    -- Idle timeout: last use, written at most every few seconds to a minute (see ConsoleSessions).
    last_seen_at timestamptz NOT NULL,
    -- Absolute timeout, fixed at sign-in.
    expires_at   timestamptz NOT NULL,
    ended_at     timestamptz
);
CREATE INDEX console_sessions_user ON console_sessions (user_id);
CREATE INDEX console_sessions_expires ON console_sessions (expires_at);
