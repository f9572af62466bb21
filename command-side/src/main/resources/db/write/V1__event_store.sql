-- The event store, written by the command side through Axon's JdbcEventStorageEngine and read by the query side.
-- global_index comes from a sequence with CACHE 1 (the default): numbers are handed out in the order of the
-- inserts' requests, never in blocks per connection. Transactions can still commit out of that order, which
-- the query side's processors handle with Axon's gap-aware tokens (see README, "Gaps").
CREATE TABLE domain_event_entry (
    global_index         BIGSERIAL    PRIMARY KEY,
    event_identifier     VARCHAR(64)  NOT NULL,
    aggregate_identifier VARCHAR(64)  NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(64)  NOT NULL,
    time_stamp           VARCHAR(40)  NOT NULL,
    payload_type         VARCHAR(255) NOT NULL,
    payload_revision     VARCHAR(16),
    payload              BYTEA        NOT NULL,
    meta_data            BYTEA,
    CONSTRAINT domain_event_entry_event_identifier_key UNIQUE (event_identifier),
    -- the optimistic lock of event sourcing: two writers of one aggregate cannot both append sequence n
    CONSTRAINT domain_event_entry_aggregate_sequence_key UNIQUE (aggregate_identifier, sequence_number)
);

CREATE TABLE snapshot_event_entry (
    aggregate_identifier VARCHAR(64)  NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(64)  NOT NULL,
    event_identifier     VARCHAR(64)  NOT NULL,
    time_stamp           VARCHAR(40)  NOT NULL,
    payload_type         VARCHAR(255) NOT NULL,
    payload_revision     VARCHAR(16),
    payload              BYTEA        NOT NULL,
    meta_data            BYTEA,
    PRIMARY KEY (aggregate_identifier, sequence_number),
    CONSTRAINT snapshot_event_entry_event_identifier_key UNIQUE (event_identifier)
);

-- Idempotency-Key records: inserted in the same transaction as the events a request appends, so that a
-- request is either wholly done (events and key) or not at all, and a retry after a crash finds the answer.
CREATE TABLE idempotency_record (
    caller          VARCHAR(255) NOT NULL,
    idempotency_key VARCHAR(128) NOT NULL,
    request_hash    CHAR(64)     NOT NULL,
    result_type     VARCHAR(255),
    result_json     TEXT,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (caller, idempotency_key)
);
CREATE INDEX idempotency_record_created_at_idx ON idempotency_record (created_at);
