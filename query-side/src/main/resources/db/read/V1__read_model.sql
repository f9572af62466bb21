-- The read model of the query side (schema ledger_read). Every table here is derived from the event store and can
-- be rebuilt from it; none is ever written by a request. No foreign keys between projections' tables: each
-- projection is its own processing group, split in segments per aggregate, so rows of different aggregates arrive
-- in any order.

-- Axon: tracking tokens of the processors, committed in the same transaction as the rows they describe.
-- Column types as Axon's PostgresTokenTableFactory, names snake_case (see config.AxonConfig.TOKEN_SCHEMA).
CREATE TABLE token_entry (
    processor_name VARCHAR(255) NOT NULL,
    segment        INTEGER      NOT NULL,
    token          BYTEA,
    token_type     VARCHAR(255),
    time_stamp     VARCHAR(255),
    owner          VARCHAR(255),
    PRIMARY KEY (processor_name, segment)
);

-- Axon: events a projection could not handle, parked per processing group and aggregate (sequence) until retried.
-- Shape of Axon's GenericDeadLetterTableFactory with bytea for its blobs (see config.AxonConfig.DEAD_LETTER_SCHEMA).
CREATE TABLE dead_letter_entry (
    dead_letter_id       VARCHAR(255) NOT NULL PRIMARY KEY,
    processing_group     VARCHAR(255) NOT NULL,
    sequence_identifier  VARCHAR(255) NOT NULL,
    sequence_index       BIGINT       NOT NULL,
    message_type         VARCHAR(255) NOT NULL,
    event_identifier     VARCHAR(255) NOT NULL,
    time_stamp           VARCHAR(255) NOT NULL,
    payload_type         VARCHAR(255) NOT NULL,
    payload_revision     VARCHAR(255),
    payload              BYTEA        NOT NULL,
    meta_data            BYTEA,
    aggregate_type       VARCHAR(255),
    aggregate_identifier VARCHAR(255),
    sequence_number      BIGINT,
    token_type           VARCHAR(255),
    token                BYTEA,
    enqueued_at          VARCHAR(255) NOT NULL,
    last_touched         VARCHAR(255),
    processing_started   VARCHAR(255),
    cause_type           VARCHAR(255),
    cause_message        TEXT,
    diagnostics          BYTEA,
    CONSTRAINT dead_letter_entry_sequence_key UNIQUE (processing_group, sequence_identifier, sequence_index)
);
CREATE INDEX dead_letter_entry_group_idx ON dead_letter_entry (processing_group);
CREATE INDEX dead_letter_entry_sequence_idx ON dead_letter_entry (processing_group, sequence_identifier);

-- ---------------------------------------------------------------------------------------------------------------
-- resolutions: current state, every text version, tabled amendments, votes
CREATE TABLE resolution (
    resolution_id VARCHAR(64)  PRIMARY KEY,
    conference_id VARCHAR(64)  NOT NULL,
    session_id    VARCHAR(64)  NOT NULL,
    title         TEXT         NOT NULL,
    text          TEXT         NOT NULL,
    version       BIGINT       NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    sponsor       VARCHAR(16)  NOT NULL,
    co_sponsors   TEXT[]       NOT NULL,
    topics        TEXT[]       NOT NULL,
    tally_yes     INTEGER,
    tally_no      INTEGER,
    tally_abstain INTEGER,
    rule          JSONB,
    reference     TEXT,
    created_at    TIMESTAMPTZ  NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL,
    -- the aggregate sequence number of the last event applied: makes every update idempotent
    last_sequence BIGINT       NOT NULL
);
CREATE INDEX resolution_newest_idx ON resolution (created_at DESC, resolution_id DESC);
CREATE INDEX resolution_status_idx ON resolution (status);
CREATE INDEX resolution_session_idx ON resolution (session_id);
CREATE INDEX resolution_topics_idx ON resolution USING GIN (topics);
CREATE INDEX resolution_co_sponsors_idx ON resolution USING GIN (co_sponsors);

CREATE TABLE resolution_version (
    resolution_id VARCHAR(64) NOT NULL,
    version       BIGINT      NOT NULL,
    title         TEXT        NOT NULL,
    text          TEXT        NOT NULL,
    reason        TEXT,
    author        VARCHAR(16),
    origin        VARCHAR(16) NOT NULL,
    amendment_id  VARCHAR(64),
    created_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (resolution_id, version)
);

CREATE TABLE tabled_amendment (
    resolution_id    VARCHAR(64) NOT NULL,
    amendment_id     VARCHAR(64) NOT NULL,
    base_version     BIGINT      NOT NULL,
    title            TEXT,
    text             TEXT        NOT NULL,
    reason           TEXT,
    tabled_by        VARCHAR(16) NOT NULL,
    state            VARCHAR(16) NOT NULL,
    accepted_version BIGINT,
    decline_reason   TEXT,
    tabled_at        TIMESTAMPTZ NOT NULL,
    decided_at       TIMESTAMPTZ,
    PRIMARY KEY (resolution_id, amendment_id)
);

CREATE TABLE resolution_vote (
    resolution_id VARCHAR(64) NOT NULL,
    version       BIGINT      NOT NULL,
    delegation    VARCHAR(16) NOT NULL,
    choice        VARCHAR(8)  NOT NULL,
    cast_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (resolution_id, version, delegation)
);

-- ---------------------------------------------------------------------------------------------------------------
-- sessions: the session itself and its agenda (the resolutions proposed for it, with their outcome)
CREATE TABLE session (
    session_id    VARCHAR(64) PRIMARY KEY,
    conference_id VARCHAR(64) NOT NULL,
    number        INTEGER     NOT NULL,
    kind          VARCHAR(16) NOT NULL,
    date          DATE        NOT NULL,
    place         TEXT        NOT NULL,
    status        VARCHAR(16) NOT NULL,
    scheduled_at  TIMESTAMPTZ NOT NULL,
    opened_at     TIMESTAMPTZ,
    closed_at     TIMESTAMPTZ,
    last_sequence BIGINT      NOT NULL
);
CREATE INDEX session_newest_idx ON session (date DESC, session_id DESC);

CREATE TABLE session_agenda_item (
    resolution_id VARCHAR(64) PRIMARY KEY,
    session_id    VARCHAR(64) NOT NULL,
    title         TEXT        NOT NULL,
    sponsor       VARCHAR(16) NOT NULL,
    status        VARCHAR(16) NOT NULL,
    tally_yes     INTEGER,
    tally_no      INTEGER,
    tally_abstain INTEGER,
    proposed_at   TIMESTAMPTZ NOT NULL,
    decided_at    TIMESTAMPTZ,
    last_sequence BIGINT      NOT NULL
);
CREATE INDEX session_agenda_item_session_idx ON session_agenda_item (session_id, proposed_at, resolution_id);

-- ---------------------------------------------------------------------------------------------------------------
-- chair: the conference and every hand-over of its chair
CREATE TABLE conference (
    conference_id  VARCHAR(64) PRIMARY KEY,
    name           TEXT        NOT NULL,
    members        TEXT[]      NOT NULL,
    guests         TEXT[]      NOT NULL,
    established_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE chair_handover (
    conference_id   VARCHAR(64) NOT NULL,
    sequence_number BIGINT      NOT NULL,
    year            INTEGER     NOT NULL,
    from_holders    TEXT[]      NOT NULL,
    to_holders      TEXT[]      NOT NULL,
    effective_from  DATE        NOT NULL,
    actor           VARCHAR(16),
    occurred_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (conference_id, sequence_number)
);
CREATE INDEX chair_handover_effective_idx ON chair_handover (conference_id, effective_from);

-- ---------------------------------------------------------------------------------------------------------------
-- audit: every event in global order, the raw material of the auditors' toolkit and of the stream's replay
CREATE TABLE audit_event (
    global_index     BIGINT       PRIMARY KEY,
    event_id         VARCHAR(64)  NOT NULL UNIQUE,
    event_type       VARCHAR(64)  NOT NULL,
    payload_type     VARCHAR(255) NOT NULL,
    payload_revision VARCHAR(16),
    aggregate_type   VARCHAR(64),
    aggregate_id     VARCHAR(64),
    sequence_number  BIGINT,
    occurred_at      TIMESTAMPTZ  NOT NULL,
    actor            VARCHAR(16),
    user_sub         VARCHAR(255),
    correlation_id   VARCHAR(255),
    trace_id         VARCHAR(255),
    payload          JSONB        NOT NULL,
    meta_data        JSONB        NOT NULL
);
CREATE INDEX audit_event_aggregate_idx ON audit_event (aggregate_id, sequence_number);

-- ---------------------------------------------------------------------------------------------------------------
-- stats: the few facts per resolution the figures are counted from (counted on read: always consistent)
CREATE TABLE stats_resolution (
    resolution_id VARCHAR(64) PRIMARY KEY,
    status        VARCHAR(16) NOT NULL,
    sponsor       VARCHAR(16) NOT NULL,
    co_sponsors   TEXT[]      NOT NULL,
    topics        TEXT[]      NOT NULL,
    last_sequence BIGINT      NOT NULL
);
