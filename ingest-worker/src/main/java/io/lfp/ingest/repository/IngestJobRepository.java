package io.lfp.ingest.repository;

import io.lfp.events.IngestState;
import io.lfp.ingest.domain.IngestJob;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The ingest_jobs table: the state and counters of every upload's ingest job. */
@ApplicationScoped
public class IngestJobRepository {

    static final String FIND = "SELECT * FROM ingest_jobs WHERE upload_id = $1";

    /** The first chunk to arrive creates the job; later ones find it. */
    static final String CREATE = """
            INSERT INTO ingest_jobs (upload_id, upload_seq, bucket, object_key, state, bytes_total, chunks_total,
                records_total)
            VALUES ($1, $2, $3, $4, 'INGESTING', $5, $6, $7)
            ON CONFLICT (upload_id) DO NOTHING""";

    /**
     * Adds one chunk's counters. When this chunk is the last one outstanding, the same statement ends
     * the job: FAILED if any chunk failed, COMPLETED_WITH_ERRORS if rows were rejected, else COMPLETED.
     * SET expressions see the row before the update. The first failed chunk's error is kept.
     */
    static final String COUNT_CHUNK = """
            UPDATE ingest_jobs SET
                chunks_done = chunks_done + $2, chunks_failed = chunks_failed + $3,
                bytes_read = bytes_read + $4, rows_read = rows_read + $5, rows_loaded = rows_loaded + $6,
                rows_rejected = rows_rejected + $7, products_written = products_written + $8,
                error = COALESCE(error, $9),
                state = CASE WHEN chunks_done + chunks_failed + $2 + $3 < chunks_total THEN state
                             WHEN chunks_failed + $3 > 0 THEN 'FAILED'
                             WHEN rows_rejected + $7 > 0 THEN 'COMPLETED_WITH_ERRORS'
                             ELSE 'COMPLETED' END,
                finished_at = CASE WHEN chunks_done + chunks_failed + $2 + $3 < chunks_total THEN finished_at
                                   ELSE now() END
            WHERE upload_id = $1
            RETURNING *""";

    private final Pool pool;

    public IngestJobRepository(Pool pool) {
        this.pool = pool;
    }

    /** The job, or null when the upload has none. */
    public Uni<IngestJob> find(UUID uploadId) {
        return pool.preparedQuery(FIND).execute(Tuple.of(uploadId)).map(IngestJobRepository::firstOrNull);
    }

    /** Creates the job unless it exists (autocommit: the row must not stay locked by a chunk's transaction). */
    public Uni<Void> create(UUID uploadId, long uploadSeq, String bucket, String objectKey, long bytesTotal,
            int chunksTotal, long recordsTotal) {
        return pool.preparedQuery(CREATE)
                .execute(Tuple.from(new Object[] { uploadId, uploadSeq, bucket, objectKey, bytesTotal, chunksTotal,
                        recordsTotal }))
                .replaceWithVoid();
    }

    /** Counts a chunk (done or failed) inside its transaction; yields the job as updated. */
    public Uni<IngestJob> countChunk(SqlClient tx, UUID uploadId, ChunkCounters c) {
        return tx.preparedQuery(COUNT_CHUNK)
                .execute(Tuple.from(new Object[] { uploadId, c.failed() ? 0 : 1, c.failed() ? 1 : 0, c.bytes(),
                        c.rowsRead(), c.rowsLoaded(), c.rowsRejected(), c.productsWritten(), c.error() }))
                .map(IngestJobRepository::firstOrNull);
    }

    private static IngestJob firstOrNull(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? from(it.next()) : null;
    }

    static IngestJob from(Row row) {
        return new IngestJob(row.getUUID("upload_id"), row.getLong("upload_seq"), row.getString("bucket"),
                row.getString("object_key"), IngestState.valueOf(row.getString("state")), row.getLong("bytes_total"),
                row.getLong("bytes_read"), row.getLong("rows_read"), row.getLong("rows_loaded"),
                row.getLong("rows_rejected"), row.getLong("products_written"), row.getString("error"),
                instant(row.getOffsetDateTime("started_at")), instant(row.getOffsetDateTime("finished_at")),
                row.getInteger("chunks_total"), row.getInteger("chunks_done"), row.getInteger("chunks_failed"),
                row.getLong("records_total"));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    /**
     * One chunk's contribution to its job.
     *
     * @param failed          the chunk was given up (counts as failed, not done)
     * @param bytes           the chunk's size in bytes
     * @param rowsRead        records read
     * @param rowsLoaded      valid records written
     * @param rowsRejected    records rejected
     * @param productsWritten products inserted or updated
     * @param error           why the chunk failed; null when done
     */
    public record ChunkCounters(boolean failed, long bytes, long rowsRead, long rowsLoaded, long rowsRejected,
            long productsWritten, String error) {
    }
}
