-- Every change of a resolution's state, at the business time it happened (the event's occurredAt): what the chart
-- "resolutions per state over time" counts from (GET /api/stats/timeline). One row per state-changing event, keyed
-- by the event's aggregate sequence so that a redelivered event writes nothing twice. Kept by the stats projection,
-- emptied with it on a rebuild.
CREATE TABLE stats_transition (
    resolution_id VARCHAR(64) NOT NULL,
    sequence      BIGINT      NOT NULL,
    status        VARCHAR(16) NOT NULL,
    at            TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (resolution_id, sequence)
);
CREATE INDEX stats_transition_at_idx ON stats_transition (at);
