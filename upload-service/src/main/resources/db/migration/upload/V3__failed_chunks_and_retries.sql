-- All or nothing per upload, and retry instead of re-upload (IngestFinished v3): a FAILED upload lists
-- the chunks that failed and says whether its staged rows are kept, so POST /api/uploads/{id}/retry can
-- resume it.
ALTER TABLE uploads
    -- [{chunkIndex, firstRecord, lastRecord, firstLine, lastLine, error}] of the last job end; [] if none
    ADD COLUMN failed_chunks jsonb   NOT NULL DEFAULT '[]',
    -- FAILED with the staged rows kept by the ingest-worker: it can be retried
    ADD COLUMN retryable     boolean NOT NULL DEFAULT false,
    -- retries requested so far (RetryRequested.retry of the last one); a job end of an earlier run is ignored
    ADD COLUMN retries       integer NOT NULL DEFAULT 0;
