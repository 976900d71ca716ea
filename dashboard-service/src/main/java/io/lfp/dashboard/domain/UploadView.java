package io.lfp.dashboard.domain;

import java.time.Duration;
import java.time.Instant;

import io.lfp.events.IngestState;

/**
 * One upload in the uploads table of the page. Counters are null until the job reports them.
 *
 * @param rowsPerSecond records read per second: since startedAt while running, over the whole job once
 *        finished, 0 before the job started (upload-service's formula)
 * @param etaSeconds seconds until all records are read at that rate while INGESTING; 0 once finished;
 *        null when unknown (queued, no rate yet, record count unknown)
 * @param durationSeconds from the job's start to its end, or to the latest counters while it runs; null
 *        before it started
 * @param uploadedBy the principal that uploaded the file (upload-service's uploaded_by); null for uploads
 *        made before uploads were signed
 */
public record UploadView(String id, String filename, String status, Long sizeBytes, Long bytesRead, Long rowsRead,
        Long rowsLoaded, Long rowsRejected, Long productsWritten, String error, Instant createdAt,
        Instant startedAt, Instant finishedAt, Instant aggregatedAt, Integer chunksTotal, Integer chunksDone,
        Integer chunksFailed, Long recordsTotal, double rowsPerSecond, Long etaSeconds, Double durationSeconds,
        String uploadedBy) {

    /**
     * This upload with rows/s, ETA and duration measured from its counters. {@code countersAt} is when
     * the counters were taken: the event's time for live progress, now for a table row.
     */
    public UploadView measuredAt(Instant countersAt) {
        boolean terminal = isTerminal(status);
        Instant end = terminal && finishedAt != null ? finishedAt : countersAt;
        Double duration = startedAt == null || end == null ? null
                : Math.max(0, Duration.between(startedAt, end).toNanos()) / 1e9;
        long read = rowsRead == null ? 0 : rowsRead;
        double rate = duration == null || duration <= 0 ? 0 : read / duration;
        Long eta;
        if (terminal) {
            eta = 0L;
        } else if (!IngestState.INGESTING.name().equals(status) || rate <= 0 || recordsTotal == null
                || recordsTotal <= 0) {
            eta = null;
        } else {
            eta = Math.round(Math.max(0, recordsTotal - read) / rate);
        }
        return new UploadView(id, filename, status, sizeBytes, bytesRead, rowsRead, rowsLoaded, rowsRejected,
                productsWritten, error, createdAt, startedAt, finishedAt, aggregatedAt, chunksTotal, chunksDone,
                chunksFailed, recordsTotal, rate, eta, duration, uploadedBy);
    }

    /**
     * The row with the job's live counters laid over it. The table wins once it says the job
     * ended: upload-service has then stored the final numbers. Before that the events are newer.
     * Chunk counters only grow, so an event without them (0) never hides the table's.
     */
    public UploadView withLive(LiveProgress live) {
        if (live == null || isTerminal(status)) {
            return this;
        }
        return new UploadView(id, filename, live.state(),
                sizeBytes != null ? sizeBytes : live.bytesTotal(),
                bytesRead(live),
                live.rowsRead(), live.rowsLoaded(), live.rowsRejected(), live.productsWritten(),
                live.error() != null ? live.error() : error,
                createdAt,
                live.startedAt() != null ? live.startedAt() : startedAt,
                live.finishedAt() != null ? live.finishedAt() : finishedAt,
                aggregatedAt,
                max(chunksTotal, live.chunksTotal()),
                max(chunksDone, live.chunksDone()),
                max(chunksFailed, live.chunksFailed()),
                recordsTotal == null || recordsTotal < live.recordsTotal() ? Long.valueOf(live.recordsTotal())
                        : recordsTotal,
                0, null, null, uploadedBy)
                .measuredAt(live.at() != null ? live.at() : Instant.now());
    }

    /** IngestFinished carries no byte count; a completed job has read the whole object. */
    private Long bytesRead(LiveProgress live) {
        if (live.bytesRead() != null) {
            return live.bytesRead();
        }
        boolean completed = IngestState.COMPLETED.name().equals(live.state())
                || IngestState.COMPLETED_WITH_ERRORS.name().equals(live.state());
        return completed && sizeBytes != null ? sizeBytes : bytesRead;
    }

    private static Integer max(Integer stored, int live) {
        return stored == null || stored < live ? Integer.valueOf(live) : stored;
    }

    static boolean isTerminal(String status) {
        if (status == null) {
            return false;
        }
        try {
            return IngestState.valueOf(status).isTerminal();
        } catch (IllegalArgumentException unknownStatus) {
            return false;
        }
    }
}
