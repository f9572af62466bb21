-- Between and after sessions (issue 15): how a resolution was put to the vote (in a session, or in writing with a
-- deadline), who decided its outcome (the chair, or the ledger at the deadline or early), whom it is addressed to and
-- which other conferences it is joint with; and the mandates of adopted resolutions with the reports on them.
ALTER TABLE resolution
    ADD COLUMN procedure  VARCHAR(16) NOT NULL DEFAULT 'SESSION',
    ADD COLUMN deadline   TIMESTAMPTZ,
    ADD COLUMN decided_by VARCHAR(32),
    ADD COLUMN addressees TEXT[]      NOT NULL DEFAULT '{}',
    ADD COLUMN partners   TEXT[]      NOT NULL DEFAULT '{}';

CREATE TABLE mandate (
    mandate_id    VARCHAR(64)  PRIMARY KEY,
    resolution_id VARCHAR(64)  NOT NULL,
    task          TEXT         NOT NULL,
    owner         VARCHAR(16)  NOT NULL,
    due           DATE         NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    note          TEXT,
    given_at      TIMESTAMPTZ  NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL,
    -- the aggregate sequence number of the last event applied: makes every update idempotent
    last_sequence BIGINT       NOT NULL
);
CREATE INDEX mandate_resolution_idx ON mandate (resolution_id);
CREATE INDEX mandate_owner_due_idx ON mandate (owner, due);
CREATE INDEX mandate_open_due_idx ON mandate (due) WHERE status <> 'DONE';

CREATE TABLE mandate_report (
    resolution_id VARCHAR(64)  NOT NULL,
    sequence      BIGINT       NOT NULL,
    mandate_id    VARCHAR(64)  NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    note          TEXT,
    reported_by   VARCHAR(16),
    reported_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (resolution_id, sequence)
);
CREATE INDEX mandate_report_mandate_idx ON mandate_report (mandate_id, sequence);
