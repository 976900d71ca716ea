-- Chunked ingest: a file is cut into record-aligned byte ranges that workers ingest in parallel.

-- The job row is created by the first chunk that arrives and counts chunks as they commit;
-- the commit that makes chunks_done + chunks_failed = chunks_total also ends the job.
ALTER TABLE ingest_jobs
    ADD COLUMN chunks_total  integer NOT NULL DEFAULT 0,
    ADD COLUMN chunks_done   integer NOT NULL DEFAULT 0,
    ADD COLUMN chunks_failed integer NOT NULL DEFAULT 0,
    ADD COLUMN records_total bigint  NOT NULL DEFAULT 0;

-- One row per chunk done or given up, committed in the same transaction as the chunk's products,
-- rejected rows and job counters: the exactly-once record. A redelivered chunk finds its row and
-- changes nothing.
CREATE TABLE ingest_chunks (
    upload_id        uuid    NOT NULL,
    chunk_index      integer NOT NULL,
    state            text    NOT NULL,
    rows_read        bigint  NOT NULL,
    rows_loaded      bigint  NOT NULL,
    rows_rejected    bigint  NOT NULL,
    products_written bigint  NOT NULL,
    bytes            bigint  NOT NULL,
    attempts         integer NOT NULL,
    error            text,
    finished_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (upload_id, chunk_index),
    CONSTRAINT ingest_chunks_state_check CHECK (state IN ('DONE', 'FAILED'))
);
