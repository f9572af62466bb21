-- The person behind a token (its `sub`) is kept only as a keyed pseudonym, HMAC-SHA256(the person's key, sub)
-- (command.security.Pseudonyms). The keys live here, in a schema of their own, never in the event store: the event
-- store is append-only, part of every leaf, export and backup handed to auditors, while a key must be erasable
-- (GDPR Art. 17: erasing the key leaves every event, leaf and proof as it was and the person unidentifiable) and
-- readable by the command side only (deploy/db/ledger-roles.psql grants the query side nothing here).
-- The schema is created by ledger-roles.psql where roles are set up (the owner may not create schemas); elsewhere
-- (tests, `./ledger up`) here.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'ledger_keys') THEN
        CREATE SCHEMA ledger_keys;
    END IF;
END
$$;

CREATE TABLE ledger_keys.person_key (
    subject    TEXT        PRIMARY KEY,
    hmac_key   BYTEA       NOT NULL CHECK (octet_length(hmac_key) = 32),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_command') THEN
        GRANT USAGE ON SCHEMA ledger_keys TO ledger_command;
        GRANT SELECT, INSERT, DELETE ON ledger_keys.person_key TO ledger_command;
    END IF;
END
$$;
