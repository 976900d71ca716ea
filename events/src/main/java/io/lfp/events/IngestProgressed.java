package io.lfp.events;

import java.time.Instant;

/**
 * A running ingest job's counters, sent after every batch written.
 *
 * @param version         payload version, {@link #VERSION}
 * @param uploadId        the upload's id; also the Kafka key
 * @param state           {@link IngestState#INGESTING} while running
 * @param bytesRead       bytes of the object read so far
 * @param bytesTotal      object size in bytes
 * @param rowsRead        data records read so far (header excluded)
 * @param rowsLoaded      valid records sent to the database so far
 * @param rowsRejected    records rejected so far (stored in rejected_rows)
 * @param productsWritten products inserted or updated so far
 * @param startedAt       when the job started
 * @param at              when these counters were taken
 */
public record IngestProgressed(int version, String uploadId, IngestState state, long bytesRead, long bytesTotal,
        long rowsRead, long rowsLoaded, long rowsRejected, long productsWritten, Instant startedAt, Instant at) {

    public static final int VERSION = 1;
}
