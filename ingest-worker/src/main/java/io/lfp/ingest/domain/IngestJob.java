package io.lfp.ingest.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.lfp.events.FailedChunk;
import io.lfp.events.IngestFinished;
import io.lfp.events.IngestProgressed;
import io.lfp.events.IngestState;

/**
 * A row of ingest_jobs: one upload being or been ingested, chunk by chunk.
 *
 * @param uploadId the upload's id
 * @param uploadSeq the upload's sequence (products.src_upload)
 * @param bucket S3 bucket of the object
 * @param objectKey S3 key of the object
 * @param state INGESTING while chunks are outstanding or being merged, then COMPLETED,
 *        COMPLETED_WITH_ERRORS or FAILED
 * @param bytesTotal object size in bytes
 * @param bytesRead bytes of the committed chunks
 * @param rowsRead data records read (header excluded)
 * @param rowsLoaded valid records written to the database
 * @param rowsRejected records stored in rejected_rows
 * @param productsWritten products inserted or updated by the merge (0 until it ran)
 * @param error why the job failed (the first failed chunk's error); null unless FAILED
 * @param startedAt when the first chunk arrived
 * @param finishedAt when the merge ended the job; null while running
 * @param chunksTotal chunks the file was cut into; 0 until known
 * @param chunksDone chunks committed
 * @param chunksFailed chunks given up after their attempts
 * @param recordsTotal data records in the whole file
 * @param failedAt when the job ended FAILED; null otherwise
 * @param retryable FAILED with its staged rows kept (not an aborted upload): a retry can resume it
 * @param retries the last retry acted on (RetryRequested.retry); 0 before any
 */
public record IngestJob(UUID uploadId, long uploadSeq, String bucket, String objectKey, IngestState state,
        long bytesTotal, long bytesRead, long rowsRead, long rowsLoaded, long rowsRejected, long productsWritten,
        String error, Instant startedAt, Instant finishedAt, int chunksTotal, int chunksDone, int chunksFailed,
        long recordsTotal, Instant failedAt, boolean retryable, int retries) {

    /**
     * Every chunk is recorded (done or failed): the staged rows are ready to be merged. False while the
     * total is unknown (0: the file is still streaming in, see FileUploaded).
     */
    public boolean allChunksIn() {
        return chunksTotal > 0 && chunksDone + chunksFailed >= chunksTotal;
    }

    /**
     * The event announcing this (terminal) job's result, with its failed chunks; built from stored rows, so a
     * re-announcement is identical.
     */
    public IngestFinished toFinished(List<FailedChunk> failedChunks) {
        return new IngestFinished(IngestFinished.VERSION, uploadId.toString(), state, rowsRead, rowsLoaded,
                rowsRejected, productsWritten, startedAt, finishedAt, error, chunksTotal, chunksFailed, failedChunks,
                retryable, retries);
    }

    /** The job's counters as a progress event. */
    public IngestProgressed toProgress(Instant at) {
        return new IngestProgressed(IngestProgressed.VERSION, uploadId.toString(), IngestState.INGESTING, bytesRead,
                bytesTotal, rowsRead, rowsLoaded, rowsRejected, productsWritten, startedAt, at, chunksTotal, chunksDone,
                chunksFailed, recordsTotal);
    }
}
