package io.lfp.dashboard.domain;

import io.lfp.events.IngestState;

import java.time.Instant;

/** One upload in the uploads table of the page. Counters are null until the job reports them. */
public record UploadView(String id, String filename, String status, Long sizeBytes, Long bytesRead, Long rowsRead,
        Long rowsLoaded, Long rowsRejected, Long productsWritten, String error, Instant createdAt,
        Instant startedAt, Instant finishedAt, Instant aggregatedAt) {

    /**
     * The row with the job's live counters laid over it. The table wins once it says the job
     * ended: upload-service has then stored the final numbers. Before that the events are newer.
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
                aggregatedAt);
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
