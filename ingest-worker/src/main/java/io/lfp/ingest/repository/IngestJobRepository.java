package io.lfp.ingest.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lfp.events.IngestState;
import io.lfp.ingest.domain.IngestJob;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

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
     * Adds one chunk's counters. The job stays INGESTING: when this was the last chunk outstanding, the
     * caller merges the staged rows and ends the job with {@link #FINISH}. The first failed chunk's error
     * is kept. JDBC (? parameters, in this order): the last statement of a chunk's JDBC transaction.
     */
    static final String COUNT_CHUNK = """
            UPDATE ingest_jobs SET
                chunks_done = chunks_done + ?, chunks_failed = chunks_failed + ?,
                bytes_read = bytes_read + ?, rows_read = rows_read + ?, rows_loaded = rows_loaded + ?,
                rows_rejected = rows_rejected + ?, error = COALESCE(error, ?)
            WHERE upload_id = ?
            RETURNING *""";

    /** The file is all in: its totals. Only a running job takes them (an aborted one stays as it is). */
    static final String SEAL = """
            UPDATE ingest_jobs SET chunks_total = $2, records_total = $3, bytes_total = $4
            WHERE upload_id = $1 AND state = 'INGESTING'
            RETURNING *""";

    /** An upload aborted before any chunk arrived: its job is born ended, so late chunks are skipped. */
    static final String CREATE_ABORTED = """
            INSERT INTO ingest_jobs (upload_id, upload_seq, bucket, object_key, state, error, finished_at)
            VALUES ($1, 0, '', '', 'FAILED', $2, now())
            ON CONFLICT (upload_id) DO NOTHING""";

    /** Taken by the merge: a second merge of the same upload waits here, then finds the job ended. */
    static final String LOCK = "SELECT * FROM ingest_jobs WHERE upload_id = $1 FOR UPDATE";

    /**
     * Ends the job: FAILED (nothing merged) if a chunk failed or the merge could not run, with the time it
     * failed and whether its staged rows are kept ($4) for a retry; else, in the merge's transaction,
     * COMPLETED_WITH_ERRORS if rows were rejected, or COMPLETED.
     */
    static final String FINISH = """
            UPDATE ingest_jobs SET
                products_written = $2, error = COALESCE(error, $3::text), finished_at = now(),
                merged_at = CASE WHEN chunks_failed > 0 OR $3::text IS NOT NULL THEN NULL ELSE now() END,
                failed_at = CASE WHEN chunks_failed > 0 OR $3::text IS NOT NULL THEN now() END,
                retryable = (chunks_failed > 0 OR $3::text IS NOT NULL) AND $4,
                state = CASE WHEN chunks_failed > 0 OR $3::text IS NOT NULL THEN 'FAILED'
                             WHEN rows_rejected > 0 THEN 'COMPLETED_WITH_ERRORS'
                             ELSE 'COMPLETED' END
            WHERE upload_id = $1
            RETURNING *""";

    /**
     * A retry of the failed chunks: the job runs again without their contributions (they are counted again
     * when they commit). $2-$8: the sums over the failed chunks of chunks, bytes read, rows read, loaded and
     * rejected; $9 the retry number.
     */
    static final String REOPEN = """
            UPDATE ingest_jobs SET
                state = 'INGESTING', chunks_failed = chunks_failed - $2, chunks_done = chunks_done - $3,
                bytes_read = bytes_read - $4, rows_read = rows_read - $5, rows_loaded = rows_loaded - $6,
                rows_rejected = rows_rejected - $7, products_written = 0, error = NULL, finished_at = NULL,
                merged_at = NULL, failed_at = NULL, retryable = false, retries = $8
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

    /**
     * Creates the job unless it exists; true when this call created it. Run in its own short transaction
     * (with the staging table), never in a chunk's: the row must not stay locked by a chunk's transaction.
     */
    public Uni<Boolean> create(SqlClient tx, UUID uploadId, long uploadSeq, String bucket, String objectKey,
            long bytesTotal, int chunksTotal, long recordsTotal) {
        return tx.preparedQuery(CREATE)
                .execute(Tuple.from(new Object[] { uploadId, uploadSeq, bucket, objectKey, bytesTotal, chunksTotal,
                        recordsTotal }))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Sets the totals of a running job; null when the job has ended already. */
    public Uni<IngestJob> seal(SqlClient tx, UUID uploadId, int chunksTotal, long recordsTotal, long bytesTotal) {
        return tx.preparedQuery(SEAL).execute(Tuple.of(uploadId, chunksTotal, recordsTotal, bytesTotal))
                .map(IngestJobRepository::firstOrNull);
    }

    /** Records an aborted upload that has no job yet; true when it had none. */
    public Uni<Boolean> createAborted(SqlClient tx, UUID uploadId, String reason) {
        return tx.preparedQuery(CREATE_ABORTED).execute(Tuple.of(uploadId, reason)).map(rows -> rows.rowCount() == 1);
    }

    /** Locks the job row for the merge; null when the upload has no job. */
    public Uni<IngestJob> lock(SqlClient tx, UUID uploadId) {
        return tx.preparedQuery(LOCK).execute(Tuple.of(uploadId)).map(IngestJobRepository::firstOrNull);
    }

    /** Ends the job (see {@link #FINISH}); {@code error} non-null fails it. */
    public Uni<IngestJob> finish(SqlClient tx, UUID uploadId, long productsWritten, String error,
            boolean stagingKept) {
        return tx.preparedQuery(FINISH).execute(Tuple.of(uploadId, productsWritten, error, stagingKept))
                .map(IngestJobRepository::firstOrNull);
    }

    /** Runs a failed job again without the given contributions (see {@link #REOPEN}). */
    public Uni<IngestJob> reopen(SqlClient tx, UUID uploadId, Removed removed, int retry) {
        return tx.preparedQuery(REOPEN).execute(Tuple.from(new Object[] { uploadId, removed.chunksFailed(),
                removed.chunksDone(), removed.bytesRead(), removed.rowsRead(), removed.rowsLoaded(),
                removed.rowsRejected(), retry })).map(IngestJobRepository::firstOrNull);
    }

    /** Counts a chunk (done or failed) inside its (JDBC) transaction; yields the job as updated. Blocking. */
    public IngestJob countChunk(Connection tx, UUID uploadId, ChunkCounters c) throws SQLException {
        try (PreparedStatement st = tx.prepareStatement(COUNT_CHUNK)) {
            st.setInt(1, c.failed() ? 0 : 1);
            st.setInt(2, c.failed() ? 1 : 0);
            st.setLong(3, c.bytes());
            st.setLong(4, c.rowsRead());
            st.setLong(5, c.rowsLoaded());
            st.setLong(6, c.rowsRejected());
            st.setString(7, c.error());
            st.setObject(8, uploadId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? from(rs) : null;
            }
        }
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
                row.getLong("records_total"), instant(row.getOffsetDateTime("failed_at")), row.getBoolean("retryable"),
                row.getInteger("retries"));
    }

    /** The same row read over JDBC. */
    static IngestJob from(ResultSet rs) throws SQLException {
        return new IngestJob(rs.getObject("upload_id", UUID.class), rs.getLong("upload_seq"), rs.getString("bucket"),
                rs.getString("object_key"), IngestState.valueOf(rs.getString("state")), rs.getLong("bytes_total"),
                rs.getLong("bytes_read"), rs.getLong("rows_read"), rs.getLong("rows_loaded"),
                rs.getLong("rows_rejected"), rs.getLong("products_written"), rs.getString("error"),
                instant(rs.getObject("started_at", OffsetDateTime.class)),
                instant(rs.getObject("finished_at", OffsetDateTime.class)), rs.getInt("chunks_total"),
                rs.getInt("chunks_done"), rs.getInt("chunks_failed"), rs.getLong("records_total"),
                instant(rs.getObject("failed_at", OffsetDateTime.class)), rs.getBoolean("retryable"),
                rs.getInt("retries"));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    /**
     * One chunk's contribution to its job.
     *
     * @param failed the chunk was given up (counts as failed, not done)
     * @param bytes the chunk's size in bytes
     * @param rowsRead records read
     * @param rowsLoaded valid records written
     * @param rowsRejected records rejected
     * @param error why the chunk failed; null when done
     */
    public record ChunkCounters(boolean failed, long bytes, long rowsRead, long rowsLoaded, long rowsRejected,
            String error) {
    }

    /**
     * What the chunks a retry gives back to the workers had added to their job.
     *
     * @param chunksFailed chunks among them that had failed
     * @param chunksDone chunks among them that were done (only when the staged rows were lost: all run again)
     * @param bytesRead bytes they had added to bytes_read
     * @param rowsRead records read
     * @param rowsLoaded records staged
     * @param rowsRejected records rejected
     */
    public record Removed(int chunksFailed, int chunksDone, long bytesRead, long rowsRead, long rowsLoaded,
            long rowsRejected) {
    }
}
