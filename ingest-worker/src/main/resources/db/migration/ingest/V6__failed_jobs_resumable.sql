-- All or nothing per upload (docs/architecture.md): a job with a failed chunk merges nothing; it ends
-- FAILED with its staged rows kept, so POST /api/uploads/{id}/retry can run its failed chunks again.

-- failed_at: when the job ended FAILED (the sweeper drops a failed job's staging table some time after
-- it). retryable: FAILED with the staged rows kept (not an aborted upload). retries: the last retry
-- number acted on (RetryRequested.retry), so a retry request delivered again changes nothing.
ALTER TABLE ingest_jobs
    ADD COLUMN failed_at timestamptz,
    ADD COLUMN retryable boolean NOT NULL DEFAULT false,
    ADD COLUMN retries   integer NOT NULL DEFAULT 0;

-- Every chunk keeps what is needed to run it again: the fields of its ChunkReady. NULL in rows written
-- before this version (such a job cannot be retried). RETRYING: the chunk was given back to the workers by
-- a retry; it counts as not recorded until a worker records it again (DONE or FAILED).
ALTER TABLE ingest_chunks
    ADD COLUMN upload_seq   bigint,
    ADD COLUMN bucket       text,
    ADD COLUMN object_key   text,
    ADD COLUMN range_start  bigint,
    ADD COLUMN range_end    bigint,
    ADD COLUMN first_record bigint,
    ADD COLUMN first_line   bigint,
    ADD COLUMN records      bigint,
    ADD COLUMN part_size    bigint,
    DROP CONSTRAINT ingest_chunks_state_check,
    ADD CONSTRAINT ingest_chunks_state_check CHECK (state IN ('DONE', 'FAILED', 'RETRYING'));
