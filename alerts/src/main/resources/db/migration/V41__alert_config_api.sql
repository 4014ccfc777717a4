-- Managing rule overrides and webhooks over the API (issue 6).

-- Webhook secrets are encrypted at rest like camera passwords (AES-256-GCM, key outside the database,
-- security.credentialKeyFile). A SQL migration cannot encrypt (it has no key), so rows written before
-- this migration keep their plaintext in `secret` until the node seals them at start
-- (WebhookRepository.sealPlaintextSecrets), which clears `secret`. New rows only have secret_enc.
ALTER TABLE webhooks ALTER COLUMN secret DROP NOT NULL;
ALTER TABLE webhooks DROP CONSTRAINT IF EXISTS webhooks_secret_check;
ALTER TABLE webhooks ADD COLUMN secret_enc bytea;
-- Shown instead of the secret: the first 16 hex digits of HMAC-SHA256(secret, "carewatch-webhook-fingerprint").
ALTER TABLE webhooks ADD COLUMN secret_fingerprint text;
ALTER TABLE webhooks ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
-- Deleted webhooks are kept (hidden) so their dead letters keep pointing at something.
ALTER TABLE webhooks ADD COLUMN deleted_at timestamptz;
ALTER TABLE webhooks ADD CONSTRAINT webhooks_has_secret CHECK (secret_enc IS NOT NULL OR length(secret) >= 16);

CREATE INDEX webhook_dead_letters_webhook ON webhook_dead_letters (webhook_id, id DESC);

-- Who changed which alert rule override or webhook, when, from what to what. Append-only like the
-- other history tables (a facility quietly disabling its own smoke rule must leave a trace even if an
-- administrator did it for them). Secrets never appear in before/after, only their fingerprint.
CREATE TABLE alert_config_changes (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    time        timestamptz NOT NULL DEFAULT now(),
    user_id     bigint      NOT NULL,
    username    text        NOT NULL,
    role        text        NOT NULL,
    action      text        NOT NULL CHECK (action IN ('rule_override.set', 'rule_override.delete',
                                                       'webhook.create', 'webhook.update', 'webhook.delete')),
    -- rule_override: centre_id/profile_id/rule_id; webhook: its id.
    object      text        NOT NULL,
    district_id bigint,
    centre_id   bigint,
    before      jsonb,
    after       jsonb
);
CREATE INDEX alert_config_changes_centre_time ON alert_config_changes (centre_id, time DESC);
CREATE TRIGGER alert_config_changes_append_only BEFORE UPDATE OR DELETE ON alert_config_changes
    FOR EACH ROW EXECUTE FUNCTION carewatch_append_only();
