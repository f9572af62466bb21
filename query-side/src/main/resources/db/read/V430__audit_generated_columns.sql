-- The audit table's actor, user, correlation and trace columns are taken out of the stored JSON by PostgreSQL
-- itself, as generated columns, instead of by the insert (issue 10: the rebuild's cost). The projection's insert is
-- then a plain INSERT ... VALUES, which the driver sends as multi-row inserts (reWriteBatchedInserts): one
-- statement per few hundred events instead of one per event. Same values, same types as before; the table is
-- rewritten once here.
ALTER TABLE audit_event
    DROP COLUMN actor,
    DROP COLUMN user_sub,
    DROP COLUMN correlation_id,
    DROP COLUMN trace_id;
ALTER TABLE audit_event
    ADD COLUMN actor          VARCHAR(16)  GENERATED ALWAYS AS (payload ->> 'actor') STORED,
    ADD COLUMN user_sub       VARCHAR(255) GENERATED ALWAYS AS (meta_data ->> 'user') STORED,
    ADD COLUMN correlation_id VARCHAR(255) GENERATED ALWAYS AS (meta_data ->> 'correlationId') STORED,
    ADD COLUMN trace_id       VARCHAR(255) GENERATED ALWAYS AS (meta_data ->> 'traceId') STORED;
