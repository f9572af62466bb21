-- The verifiable log (query.ledger, API.md "Verifiable history"): every event of the store is one leaf of an
-- RFC 9162 Merkle tree, at a dense log index assigned in global-index order once every lower global index is
-- settled (committed, or missing longer than the gap grace). It replaces the hash chain of V20.
DROP TABLE IF EXISTS hash_chain;
DELETE FROM token_entry WHERE processor_name = 'integrity';

-- Which event is at which log index. The leaf bytes are not stored: they are recomputed from the event store
-- (RFC 8785 canonical JSON is deterministic), so the store stays the single source of every byte.
CREATE TABLE log_leaf (
    log_index            BIGINT       PRIMARY KEY,
    global_index         BIGINT       NOT NULL,
    event_identifier     VARCHAR(64)  NOT NULL,
    aggregate_identifier VARCHAR(64),
    aggregate_type       VARCHAR(64),
    CONSTRAINT log_leaf_global_index_key UNIQUE (global_index),
    CONSTRAINT log_leaf_event_identifier_key UNIQUE (event_identifier)
);
CREATE INDEX log_leaf_aggregate_idx ON log_leaf (aggregate_identifier, log_index);

-- The hashes of every perfect subtree completed so far: level 0 holds the leaf hashes, level l node i covers the
-- leaves [i * 2^l, (i + 1) * 2^l). About two rows per leaf; any proof or root needs O(log n) of them.
CREATE TABLE log_node (
    level      SMALLINT NOT NULL,
    node_index BIGINT   NOT NULL,
    hash       BYTEA    NOT NULL,
    PRIMARY KEY (level, node_index)
);

-- Every signed checkpoint ever issued (C2SP signed note of a tlog-checkpoint), kept for good.
CREATE TABLE log_checkpoint (
    tree_size  BIGINT       NOT NULL,
    key_id     VARCHAR(8)   NOT NULL,
    root_hash  BYTEA        NOT NULL,
    note       TEXT         NOT NULL,
    issued_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (tree_size, key_id)
);
