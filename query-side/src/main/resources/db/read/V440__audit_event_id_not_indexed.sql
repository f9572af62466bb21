-- The audit table's unique index on event_id goes (issue 10: the rebuild's cost). Nothing looks a row up by its
-- event id, and it cannot hold an event twice without it: its key is the event's global index, and the store
-- itself keeps event ids unique (domain_event_entry's own constraint). In a rebuild this index was an eighth of
-- the audit insert's time in PostgreSQL (a random-order B-tree insert per event: event ids are UUIDs).
ALTER TABLE audit_event DROP CONSTRAINT audit_event_event_id_key;
