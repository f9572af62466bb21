-- Rebuild without downtime (issue 10): the tables of the read-models group exist twice, as generations a and b with
-- identical DDL; one row names the active generation, and each table's old name is now a view that shows the active
-- generation's rows. Readers keep their queries; a rebuild projects into the other generation (its own processor,
-- read-models-b or read-models-a, with its own tokens and dead letters) while the live one keeps serving, and the
-- switch is one UPDATE of the pointer row: no DDL at run time, so the query role needs no more than the DML it has.
-- A statement reads the pointer once per branch in one snapshot, so it sees the old generation or the new, never a
-- mix. Both branches name real tables, so the planner uses each one's indexes; the inactive branch is cut off by a
-- one-time filter before it is scanned.
--
-- A later migration that changes one of these tables changes both generations and recreates its view.

-- The active generation per group. A missing row (an operator emptied the schema) means generation a.
CREATE TABLE rebuild_generation (
    group_name  VARCHAR(64) PRIMARY KEY,
    active      CHAR(1)     NOT NULL CHECK (active IN ('a', 'b')),
    switched_at TIMESTAMPTZ
);
INSERT INTO rebuild_generation (group_name, active) VALUES ('read-models', 'a');

-- Every rebuild and where it stands, shared by all query-side instances (any of them may finish one).
CREATE TABLE rebuild (
    rebuild_id    BIGSERIAL   PRIMARY KEY,
    group_name    VARCHAR(64) NOT NULL,
    -- the generation being built; NULL for a group rebuilt in place (audit)
    generation    CHAR(1)     CHECK (generation IN ('a', 'b')),
    -- REBUILDING, then DONE (switched to, or replayed in place) or CANCELLED
    state         VARCHAR(16) NOT NULL,
    started_at    TIMESTAMPTZ NOT NULL,
    head_at_start BIGINT      NOT NULL,
    done_at       TIMESTAMPTZ,
    -- where both generations stood (the same token) when they were compared and switched
    position      BIGINT,
    -- per table: rows and md5 of the old and of the new generation at that position, and whether they match
    tables        JSONB
);
-- one rebuild of a group at a time, whichever instance is asked
CREATE UNIQUE INDEX rebuild_one_at_a_time ON rebuild (group_name) WHERE state = 'REBUILDING';
CREATE INDEX rebuild_latest_idx ON rebuild (group_name, rebuild_id DESC);

DO $$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['resolution', 'resolution_version', 'tabled_amendment', 'resolution_vote',
                             'resolution_translation', 'session', 'session_agenda_item', 'conference',
                             'chair_handover', 'stats_resolution', 'stats_transition', 'mandate', 'mandate_report']
    LOOP
        EXECUTE format('ALTER TABLE %I RENAME TO %I', t, t || '_a');
        EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING ALL)', t || '_b', t || '_a');
        EXECUTE format('CREATE VIEW %I AS '
            || 'SELECT * FROM %I WHERE coalesce((SELECT active FROM rebuild_generation '
            || 'WHERE group_name = ''read-models''), ''a'') = ''a'' '
            || 'UNION ALL '
            || 'SELECT * FROM %I WHERE coalesce((SELECT active FROM rebuild_generation '
            || 'WHERE group_name = ''read-models''), ''a'') = ''b''', t, t || '_a', t || '_b');
    END LOOP;
END
$$;

-- what the read-models processor had is generation a's
UPDATE token_entry SET processor_name = 'read-models-a' WHERE processor_name = 'read-models';
UPDATE dead_letter_entry SET processing_group = 'read-models-a' WHERE processing_group = 'read-models';
