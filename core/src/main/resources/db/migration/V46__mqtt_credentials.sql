-- MQTT logins of devices (issue 12): one per sensor. Only a hash of the password is kept, in Mosquitto's
-- PBKDF2-SHA512 form ($7$iterations$salt$hash), so the embedded broker checks it and `carewatch mqtt acl`
-- writes it unchanged into a Mosquitto password file. The password itself is shown once, when issued.
CREATE TABLE mqtt_credentials (
    sensor_id     bigint      PRIMARY KEY REFERENCES sensors (id),
    username      text        NOT NULL UNIQUE CHECK (length(username) BETWEEN 1 AND 200),
    password_hash text        NOT NULL,
    issued_at     timestamptz NOT NULL DEFAULT now()
);

-- Readings stamped before the retention window are rejected as 'stale' (device clocks are not trusted).
ALTER TABLE rejected_messages DROP CONSTRAINT IF EXISTS rejected_messages_kind_check;
ALTER TABLE rejected_messages ADD CONSTRAINT rejected_messages_kind_check
    CHECK (kind IN ('malformed', 'unknown_topic', 'out_of_range', 'oversized', 'unsupported', 'stale'));
