-- The hash chain over the ledger (query.integrity): one link per event, in the order the single-segment
-- "integrity" processor chained them. link = SHA-256(previous link || canonical form of the stored event).
CREATE TABLE hash_chain (
    position         BIGINT      PRIMARY KEY,
    global_index     BIGINT      NOT NULL,
    event_identifier VARCHAR(64) NOT NULL,
    link             CHAR(64)    NOT NULL,
    CONSTRAINT hash_chain_global_index_key UNIQUE (global_index),
    CONSTRAINT hash_chain_event_identifier_key UNIQUE (event_identifier)
);
