-- Webhook secret rotation (issue 15): the generation of a subscription's secret (0 = its first; the secret itself is
-- derived from the ledger's webhook key and never stored), and until when the previous generation still signs
-- deliveries beside the current one.
ALTER TABLE webhook_subscription
    ADD COLUMN secret_generation    INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN previous_valid_until TIMESTAMPTZ;
