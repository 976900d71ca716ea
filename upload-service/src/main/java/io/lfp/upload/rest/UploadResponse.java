package io.lfp.upload.rest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.lfp.events.FailedChunk;
import io.lfp.events.IngestState;
import io.lfp.upload.domain.Upload;

/**
 * An upload as clients see it (GET /api/uploads/{id}).
 *
 * @param rowsPerSecond records read per second: since startedAt while running, over the whole job once
 *        finished, 0 before the job started
 * @param etaSeconds seconds until all records are read at the current rate while INGESTING; 0 once
 *        finished; null when unknown (queued, or no rate yet)
 * @param failedChunks while FAILED: the chunks that failed, with their record and line ranges and errors
 *        (empty when the job failed as a whole, e.g. its staged rows were lost); else empty
 * @param retryable FAILED with its staged rows kept: {@code POST /api/uploads/{id}/retry} resumes it
 * @param retries retries requested so far
 * @param uploadedBy the principal who made it; {@code kafka:ingest-requested} for an object named on that topic
 */
public record UploadResponse(String id, long seq, String filename, String status, long sizeBytes, long bytesRead,
        long rowsRead, long rowsLoaded, long rowsRejected, long productsWritten, String error, Instant createdAt,
        Instant startedAt, Instant finishedAt, Instant aggregatedAt, int chunksTotal, int chunksDone,
        int chunksFailed, long recordsTotal, String source, double rowsPerSecond, Long etaSeconds,
        List<FailedChunk> failedChunks, boolean retryable, int retries, String uploadedBy) {

    public static UploadResponse from(Upload u) {
        return from(u, Instant.now());
    }

    static UploadResponse from(Upload u, Instant now) {
        double rate = rowsPerSecond(u, now);
        return new UploadResponse(u.id().toString(), u.seq(), u.filename(), u.status().name(), u.sizeBytes(),
                u.bytesRead(), u.rowsRead(), u.rowsLoaded(), u.rowsRejected(), u.productsWritten(), u.error(),
                u.createdAt(), u.startedAt(), u.finishedAt(), u.aggregatedAt(), u.chunksTotal(), u.chunksDone(),
                u.chunksFailed(), u.recordsTotal(), u.source().name(), rate, etaSeconds(u, rate),
                u.status() == IngestState.FAILED ? u.failedChunks() : List.of(), u.retryable(), u.retries(), u.uploadedBy());
    }

    private static double rowsPerSecond(Upload u, Instant now) {
        if (u.startedAt() == null) {
            return 0;
        }
        Instant end = u.status().isTerminal() && u.finishedAt() != null ? u.finishedAt() : now;
        double seconds = Duration.between(u.startedAt(), end).toNanos() / 1e9;
        return seconds <= 0 ? 0 : u.rowsRead() / seconds;
    }

    private static Long etaSeconds(Upload u, double rate) {
        if (u.status().isTerminal()) {
            return 0L;
        }
        if (u.status() != IngestState.INGESTING || rate <= 0 || u.recordsTotal() <= 0) {
            return null;
        }
        return Math.round(Math.max(0, u.recordsTotal() - u.rowsRead()) / rate);
    }
}
