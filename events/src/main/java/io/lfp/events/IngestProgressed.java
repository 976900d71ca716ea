package io.lfp.events;

import java.time.Instant;

/**
 * A running ingest job's counters, sent as chunks commit (at most a few per second).
 *
 * @param version payload version, {@link #VERSION}
 * @param uploadId the upload's id; also the Kafka key
 * @param state {@link IngestState#INGESTING} while running
 * @param bytesRead bytes of the object read so far
 * @param bytesTotal object size in bytes
 * @param rowsRead data records read so far (header excluded)
 * @param rowsLoaded valid records sent to the database so far
 * @param rowsRejected records rejected so far (stored in rejected_rows)
 * @param productsWritten products inserted or updated so far
 * @param startedAt when the job started
 * @param at when these counters were taken
 * @param chunksTotal chunks the file was cut into (v2)
 * @param chunksDone chunks committed (v2)
 * @param chunksFailed chunks given up after their retries (v2)
 * @param recordsTotal data records in the file, for ETA (v2)
 */
public record IngestProgressed(int version, String uploadId, IngestState state, long bytesRead, long bytesTotal,
        long rowsRead, long rowsLoaded, long rowsRejected, long productsWritten, Instant startedAt, Instant at,
        int chunksTotal, int chunksDone, int chunksFailed, long recordsTotal) {

    public static final int VERSION = 2;

    /** A v1-shaped progress (no chunk counters), as the single-stream ingest sent it. */
    public IngestProgressed(int version, String uploadId, IngestState state, long bytesRead, long bytesTotal,
            long rowsRead, long rowsLoaded, long rowsRejected, long productsWritten, Instant startedAt, Instant at) {
        this(version, uploadId, state, bytesRead, bytesTotal, rowsRead, rowsLoaded, rowsRejected, productsWritten,
                startedAt, at, 0, 0, 0, 0);
    }
}
