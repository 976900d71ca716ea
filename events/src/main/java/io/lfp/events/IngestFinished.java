package io.lfp.events;

import java.time.Instant;
import java.util.List;

/**
 * An ingest job ended: every chunk committed or was given up. Sent once per job; sent again
 * (same content) when one of the job's chunk events is delivered again after it ended.
 *
 * @param version payload version, {@link #VERSION}
 * @param uploadId the upload's id; also the Kafka key
 * @param state COMPLETED, COMPLETED_WITH_ERRORS (some rows rejected) or FAILED
 * @param rowsRead data records read (header excluded)
 * @param rowsLoaded valid records sent to the database
 * @param rowsRejected records rejected (stored in rejected_rows)
 * @param productsWritten products inserted or updated
 * @param startedAt when the job started
 * @param finishedAt when the job ended
 * @param error why the job failed; null unless FAILED
 * @param chunksTotal chunks the file was cut into (v2)
 * @param chunksFailed chunks given up after their retries; the job is FAILED when this is not 0 (v2)
 * @param failedChunks those chunks with their record and line ranges and errors, in file order; empty
 *        unless FAILED (v3; null in older versions)
 * @param retryable FAILED with its staged rows kept: {@code POST /api/uploads/{id}/retry} can resume it;
 *        false for an aborted upload and for every other state (v3)
 * @param retries retries of the job that ran before this end (0: none); a consumer that reopened the
 *        upload for retry number n ignores an end with fewer (v3)
 */
public record IngestFinished(int version, String uploadId, IngestState state, long rowsRead, long rowsLoaded,
        long rowsRejected, long productsWritten, Instant startedAt, Instant finishedAt, String error,
        int chunksTotal, int chunksFailed, List<FailedChunk> failedChunks, boolean retryable, int retries) {

    public static final int VERSION = 3;

    /** A v2-shaped event (no failed chunks, not retryable). */
    public IngestFinished(int version, String uploadId, IngestState state, long rowsRead, long rowsLoaded,
            long rowsRejected, long productsWritten, Instant startedAt, Instant finishedAt, String error,
            int chunksTotal, int chunksFailed) {
        this(version, uploadId, state, rowsRead, rowsLoaded, rowsRejected, productsWritten, startedAt, finishedAt,
                error, chunksTotal, chunksFailed, List.of(), false, 0);
    }

    /** A v1-shaped event (no chunk counters). */
    public IngestFinished(int version, String uploadId, IngestState state, long rowsRead, long rowsLoaded,
            long rowsRejected, long productsWritten, Instant startedAt, Instant finishedAt, String error) {
        this(version, uploadId, state, rowsRead, rowsLoaded, rowsRejected, productsWritten, startedAt, finishedAt,
                error, 0, 0, List.of(), false, 0);
    }
}
