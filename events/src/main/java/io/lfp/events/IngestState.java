package io.lfp.events;

/** The life of an upload's ingest job, as users see it. */
public enum IngestState {
    QUEUED,
    INGESTING,
    COMPLETED,
    COMPLETED_WITH_ERRORS,
    FAILED;

    public boolean isTerminal() {
        return this == COMPLETED || this == COMPLETED_WITH_ERRORS || this == FAILED;
    }
}
