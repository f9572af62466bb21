-- Every use of the auditors' toolkit and of the administration (query.auditing.AccessLogFilter): who asked what,
-- when, and what they were answered. Append-only; nothing in the service updates or deletes a row.
CREATE TABLE audit_access_log (
    id           BIGSERIAL     PRIMARY KEY,
    at           TIMESTAMPTZ   NOT NULL,
    user_subject VARCHAR(255),
    delegation   VARCHAR(16),
    roles        TEXT[]        NOT NULL DEFAULT '{}',
    method       VARCHAR(16)   NOT NULL,
    path         VARCHAR(2048) NOT NULL,
    query        VARCHAR(4096),
    status       INTEGER       NOT NULL
);

CREATE INDEX audit_access_log_at_idx ON audit_access_log (at);
CREATE INDEX audit_access_log_user_idx ON audit_access_log (user_subject, at);
