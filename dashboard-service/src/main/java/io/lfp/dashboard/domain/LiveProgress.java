package io.lfp.dashboard.domain;

import java.time.Instant;

import io.lfp.events.IngestFinished;
import io.lfp.events.IngestProgressed;

/**
 * The latest counters of an upload's ingest job as told by its events; newer than the
 * uploads table while the job runs. Stored in Redis, one JSON value per upload.
 * Chunk counters and recordsTotal are 0 when the event did not carry them (v1 events).
 *
 * @param at when the counters were taken: the end of the interval rows/s is measured over
 */
public record LiveProgress(String uploadId, String state, Long bytesRead, Long bytesTotal, long rowsRead,
        long rowsLoaded, long rowsRejected, long productsWritten, Instant startedAt, Instant finishedAt,
        String error, Instant at, int chunksTotal, int chunksDone, int chunksFailed, long recordsTotal) {

    public static LiveProgress from(IngestProgressed e) {
        return new LiveProgress(e.uploadId(), e.state().name(), e.bytesRead(), e.bytesTotal(), e.rowsRead(),
                e.rowsLoaded(), e.rowsRejected(), e.productsWritten(), e.startedAt(), null, null, e.at(),
                e.chunksTotal(), e.chunksDone(), e.chunksFailed(), e.recordsTotal());
    }

    /** A finished job has settled every chunk: those not failed are done. */
    public static LiveProgress from(IngestFinished e) {
        return new LiveProgress(e.uploadId(), e.state().name(), null, null, e.rowsRead(), e.rowsLoaded(),
                e.rowsRejected(), e.productsWritten(), e.startedAt(), e.finishedAt(), e.error(), e.finishedAt(),
                e.chunksTotal(), Math.max(0, e.chunksTotal() - e.chunksFailed()), e.chunksFailed(), 0);
    }
}
