-- No upload waits forever (docs/architecture.md, "Sweepers"): while an instance streams an upload in, it
-- bumps last_activity_at every few seconds; an upload that is not sealed (its FileUploaded not acknowledged
-- by Kafka) and silent for lfp.upload.silence-timeout was left behind by an instance that died, and the
-- sweeper ends it FAILED, deletes its part objects and announces UploadAborted.
ALTER TABLE uploads
    ADD COLUMN last_activity_at timestamptz NOT NULL DEFAULT now(),
    -- FileUploaded acknowledged: the ingest-worker now owns the job's end
    ADD COLUMN sealed_at        timestamptz,
    -- the part objects were deleted (swept, or finished longer than lfp.upload.retention ago)
    ADD COLUMN files_deleted_at timestamptz;

-- Rows from before this migration: a planned file was announced (its seal went out right after), an upload
-- with no chunks yet and not ended is one that was cut off midway, which the sweeper must end.
UPDATE uploads SET sealed_at = COALESCE(finished_at, created_at) WHERE chunks_total > 0;

CREATE INDEX uploads_unsealed_idx ON uploads (last_activity_at)
    WHERE sealed_at IS NULL AND status IN ('QUEUED', 'INGESTING');
CREATE INDEX uploads_files_kept_idx ON uploads (finished_at)
    WHERE files_deleted_at IS NULL AND source = 'HTTP';
