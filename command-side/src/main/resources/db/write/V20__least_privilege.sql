-- Least privilege (deploy/db/ledger-roles.psql): by default the command side's role may only read and append in this
-- schema. Two tables that are not the event store need removals: old snapshots are replaced (Axon prunes them when
-- it stores a newer one) and expired idempotency records are swept. Nothing here lets it UPDATE, DELETE or TRUNCATE
-- an event. Where the roles were not set up (tests, `./ledger up`), there is nobody to grant to.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_command') THEN
        GRANT DELETE ON snapshot_event_entry TO ledger_command;
        GRANT DELETE ON idempotency_record TO ledger_command;
    END IF;
END
$$;
