package io.lfp.upload.rest;

import java.time.Instant;

import io.lfp.upload.domain.Upload;

/** An upload as clients see it (GET /api/uploads/{id}). */
public record UploadResponse(String id, long seq, String filename, String status, long sizeBytes, long bytesRead,
        long rowsRead, long rowsLoaded, long rowsRejected, long productsWritten, String error, Instant createdAt,
        Instant startedAt, Instant finishedAt, Instant aggregatedAt) {

    public static UploadResponse from(Upload u) {
        return new UploadResponse(u.id().toString(), u.seq(), u.filename(), u.status().name(), u.sizeBytes(),
                u.bytesRead(), u.rowsRead(), u.rowsLoaded(), u.rowsRejected(), u.productsWritten(), u.error(),
                u.createdAt(), u.startedAt(), u.finishedAt(), u.aggregatedAt());
    }
}
