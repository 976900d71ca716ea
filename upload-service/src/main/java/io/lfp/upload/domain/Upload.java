package io.lfp.upload.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.lfp.events.FailedChunk;
import io.lfp.events.IngestState;

/**
 * One row of the {@code uploads} table.
 *
 * @param failedChunks the chunks the last job end listed as failed (kept while a retry runs)
 * @param retryable FAILED with its staged rows kept: POST /api/uploads/{id}/retry can resume it
 * @param retries retries requested so far
 * @param uploadedBy the principal who made it, or {@link #INGEST_REQUESTED} (column uploaded_by)
 */
public record Upload(UUID id, long seq, String filename, String bucket, String objectKey, long sizeBytes,
        IngestState status, long bytesRead, long rowsRead, long rowsLoaded, long rowsRejected, long productsWritten,
        String error, Instant createdAt, Instant startedAt, Instant finishedAt, Instant aggregatedAt,
        int chunksTotal, int chunksDone, int chunksFailed, long recordsTotal, UploadSource source,
        List<FailedChunk> failedChunks, boolean retryable, int retries, String uploadedBy) {

    /** The uploader of an object named on the ingest-requested topic: no person. */
    public static final String INGEST_REQUESTED = "kafka:ingest-requested";
}
