-- Translations of a resolution's versions (POST /api/resolutions/{id}/translations on the command side): one per
-- version and language, a later one replacing an earlier. Kept by resolutions.Translations (read-models group),
-- emptied with the other read models on a rebuild. The original text stays in resolution_version.
CREATE TABLE resolution_translation (
    resolution_id VARCHAR(64) NOT NULL,
    version       BIGINT      NOT NULL,
    language      VARCHAR(8)  NOT NULL,
    title         TEXT        NOT NULL,
    text          TEXT        NOT NULL,
    translated_by VARCHAR(16) NOT NULL,
    translated_at TIMESTAMPTZ NOT NULL,
    last_sequence BIGINT      NOT NULL,
    PRIMARY KEY (resolution_id, version, language)
);
