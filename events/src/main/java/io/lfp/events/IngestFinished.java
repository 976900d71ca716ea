package io.lfp.events;

import java.time.Instant;

/**
 * An ingest job ended. Sent once per job; sent again (same content) when the job's
 * upload event is delivered again after it ended.
 *
 * @param version         payload version, {@link #VERSION}
 * @param uploadId        the upload's id; also the Kafka key
 * @param state           COMPLETED, COMPLETED_WITH_ERRORS (some rows rejected) or FAILED
 * @param rowsRead        data records read (header excluded)
 * @param rowsLoaded      valid records sent to the database
 * @param rowsRejected    records rejected (stored in rejected_rows)
 * @param productsWritten products inserted or updated
 * @param startedAt       when the job started
 * @param finishedAt      when the job ended
 * @param error           why the job failed; null unless FAILED
 */
public record IngestFinished(int version, String uploadId, IngestState state, long rowsRead, long rowsLoaded,
        long rowsRejected, long productsWritten, Instant startedAt, Instant finishedAt, String error) {

    public static final int VERSION = 1;
}
