package io.lfp.upload.domain;

import java.time.Instant;
import java.util.UUID;

import io.lfp.events.IngestState;

/** One row of the {@code uploads} table. */
public record Upload(UUID id, long seq, String filename, String bucket, String objectKey, long sizeBytes,
        IngestState status, long bytesRead, long rowsRead, long rowsLoaded, long rowsRejected, long productsWritten,
        String error, Instant createdAt, Instant startedAt, Instant finishedAt, Instant aggregatedAt,
        int chunksTotal, int chunksDone, int chunksFailed, long recordsTotal, UploadSource source) {
}
