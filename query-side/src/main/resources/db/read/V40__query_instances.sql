-- Live query-side instances (query.config.SegmentBalancer): each one refreshes its row every few seconds, so that
-- all of them know how many share the projections' segments, including instances that do not hold one yet.
CREATE TABLE query_instance (
    instance_id VARCHAR(64) PRIMARY KEY,
    seen_at     TIMESTAMPTZ NOT NULL
);
