-- Webhooks (issue 15), written by the query side's `webhooks` processing group from the event log: the
-- subscriptions as of the group's position, the resolutions already published (what a guest's subscription may
-- get), and one delivery per event and subscription (the outbox, stored with the group's token, so an event is
-- enqueued exactly once and a delivery lost in a crash is sent again), with every attempt.
CREATE TABLE webhook_subscription (
    subscription_id   VARCHAR(64)  PRIMARY KEY,
    owner             VARCHAR(16)  NOT NULL,
    url               TEXT         NOT NULL,
    events            TEXT[]       NOT NULL,
    reads_unpublished BOOLEAN      NOT NULL,
    active            BOOLEAN      NOT NULL,
    created_at        TIMESTAMPTZ  NOT NULL
);

CREATE TABLE webhook_published (
    resolution_id VARCHAR(64) PRIMARY KEY
);

CREATE TABLE webhook_delivery (
    subscription_id VARCHAR(64)  NOT NULL,
    event_id        VARCHAR(64)  NOT NULL,
    webhook_id      VARCHAR(80)  NOT NULL,
    event_type      VARCHAR(64)  NOT NULL,
    body            TEXT         NOT NULL,
    -- PENDING (to be sent at next_attempt_at), DELIVERED, or PARKED after the last attempt
    state           VARCHAR(16)  NOT NULL,
    attempts        INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ  NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    settled_at      TIMESTAMPTZ,
    PRIMARY KEY (subscription_id, event_id)
);
CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_at) WHERE state = 'PENDING';

CREATE TABLE webhook_attempt (
    subscription_id VARCHAR(64)  NOT NULL,
    event_id        VARCHAR(64)  NOT NULL,
    attempt         INTEGER      NOT NULL,
    attempted_at    TIMESTAMPTZ  NOT NULL,
    status_code     INTEGER,
    error           TEXT,
    PRIMARY KEY (subscription_id, event_id, attempt)
);
