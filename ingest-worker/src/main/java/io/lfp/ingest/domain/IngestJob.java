package io.lfp.ingest.domain;

import io.lfp.events.IngestFinished;
import io.lfp.events.IngestState;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of ingest_jobs: one upload being or been ingested.
 *
 * @param uploadId        the upload's id
 * @param uploadSeq       the upload's sequence (products.src_upload)
 * @param bucket          S3 bucket of the object
 * @param objectKey       S3 key of the object
 * @param state           INGESTING while running, then COMPLETED, COMPLETED_WITH_ERRORS or FAILED
 * @param bytesTotal      object size in bytes
 * @param bytesRead       bytes read so far
 * @param rowsRead        data records read (header excluded)
 * @param rowsLoaded      valid records written to the database
 * @param rowsRejected    records stored in rejected_rows
 * @param productsWritten products inserted or updated
 * @param error           why the job failed; null unless FAILED
 * @param startedAt       when the (latest attempt of the) job started
 * @param finishedAt      when the job ended; null while running
 */
public record IngestJob(UUID uploadId, long uploadSeq, String bucket, String objectKey, IngestState state,
        long bytesTotal, long bytesRead, long rowsRead, long rowsLoaded, long rowsRejected, long productsWritten,
        String error, Instant startedAt, Instant finishedAt) {

    /** The event announcing this (terminal) job's result. */
    public IngestFinished toFinished() {
        return new IngestFinished(IngestFinished.VERSION, uploadId.toString(), state, rowsRead, rowsLoaded,
                rowsRejected, productsWritten, startedAt, finishedAt, error);
    }
}
