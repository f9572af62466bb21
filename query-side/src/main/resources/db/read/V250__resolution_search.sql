-- Full-text search over a resolution's current title and text (GET /api/resolutions?q=), with PostgreSQL's german
-- configuration: stemming ("Verwaltungen" finds "Verwaltung") and German stop words. An expression index, not a
-- stored tsvector column, so that the projection's rows and writes stay as they are; ResolutionSearch repeats this
-- very expression (same configuration, same concatenation) so that the planner can use the index.
CREATE INDEX resolution_search_idx ON resolution
    USING GIN (to_tsvector('german'::regconfig, title || ' ' || text));
