-- The ingest engine cuts each file into chunks (docs/architecture.md, "Chunk protocol"), and files
-- can also arrive as an IngestRequested event for an object already in S3.
ALTER TABLE uploads
    ADD COLUMN chunks_total  integer NOT NULL DEFAULT 0,
    ADD COLUMN chunks_done   integer NOT NULL DEFAULT 0,
    ADD COLUMN chunks_failed integer NOT NULL DEFAULT 0,
    ADD COLUMN records_total bigint  NOT NULL DEFAULT 0,
    ADD COLUMN source        text    NOT NULL DEFAULT 'HTTP' CHECK (source IN ('HTTP', 'KAFKA')),
    -- where a KAFKA upload's request was read (topic/partition/offset): a redelivered request finds
    -- its upload again instead of creating a second one; NULL for HTTP uploads
    ADD COLUMN request_key   text    UNIQUE;
