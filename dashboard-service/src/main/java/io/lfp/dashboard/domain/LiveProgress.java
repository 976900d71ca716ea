package io.lfp.dashboard.domain;

import io.lfp.events.IngestFinished;
import io.lfp.events.IngestProgressed;

import java.time.Instant;

/**
 * The latest counters of an upload's ingest job as told by its events; newer than the
 * uploads table while the job runs. Stored in Redis, one JSON value per upload.
 */
public record LiveProgress(String uploadId, String state, Long bytesRead, Long bytesTotal, long rowsRead,
        long rowsLoaded, long rowsRejected, long productsWritten, Instant startedAt, Instant finishedAt,
        String error, Instant at) {

    public static LiveProgress from(IngestProgressed e) {
        return new LiveProgress(e.uploadId(), e.state().name(), e.bytesRead(), e.bytesTotal(), e.rowsRead(),
                e.rowsLoaded(), e.rowsRejected(), e.productsWritten(), e.startedAt(), null, null, e.at());
    }

    public static LiveProgress from(IngestFinished e) {
        return new LiveProgress(e.uploadId(), e.state().name(), null, null, e.rowsRead(), e.rowsLoaded(),
                e.rowsRejected(), e.productsWritten(), e.startedAt(), e.finishedAt(), e.error(), e.finishedAt());
    }
}
