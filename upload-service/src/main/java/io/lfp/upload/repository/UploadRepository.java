package io.lfp.upload.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lfp.events.IngestState;
import io.lfp.upload.domain.Upload;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code uploads} table, through the reactive PostgreSQL client. */
@ApplicationScoped
public class UploadRepository {

    static final String COLUMNS = """
            id, seq, filename, bucket, object_key, size_bytes, status, bytes_read, rows_read, rows_loaded,
            rows_rejected, products_written, error, created_at, started_at, finished_at, aggregated_at""";

    static final String INSERT = """
            INSERT INTO uploads (id, filename, bucket, object_key, size_bytes, status, created_at)
            VALUES ($1, $2, $3, $4, $5, 'QUEUED', $6)
            RETURNING\s""" + COLUMNS;

    static final String FIND_BY_ID = "SELECT " + COLUMNS + " FROM uploads WHERE id = $1";

    static final String LIST_NEWEST_FIRST = "SELECT " + COLUMNS + " FROM uploads ORDER BY seq DESC LIMIT $1";

    /**
     * Progress only moves a QUEUED upload to INGESTING (a late event never reopens a finished one),
     * and counters only grow (events of one upload may arrive out of order).
     */
    static final String APPLY_PROGRESS = """
            UPDATE uploads SET
                status = CASE WHEN status = 'QUEUED' THEN 'INGESTING' ELSE status END,
                bytes_read = GREATEST(bytes_read, $2),
                rows_read = GREATEST(rows_read, $3),
                rows_loaded = GREATEST(rows_loaded, $4),
                rows_rejected = GREATEST(rows_rejected, $5),
                products_written = GREATEST(products_written, $6),
                started_at = COALESCE(started_at, $7)
            WHERE id = $1""";

    /** The job's final state; a completed job has read the whole object. */
    static final String APPLY_FINISHED = """
            UPDATE uploads SET
                status = $2,
                bytes_read = CASE WHEN $2 = 'FAILED' THEN bytes_read ELSE size_bytes END,
                rows_read = GREATEST(rows_read, $3),
                rows_loaded = GREATEST(rows_loaded, $4),
                rows_rejected = GREATEST(rows_rejected, $5),
                products_written = GREATEST(products_written, $6),
                started_at = COALESCE(started_at, $7),
                finished_at = $8,
                error = $9
            WHERE id = $1""";

    static final String MARK_AGGREGATED = """
            UPDATE uploads SET aggregated_at = GREATEST(aggregated_at, $2)
            WHERE id = $1""";

    static final String MARK_FAILED = "UPDATE uploads SET status = 'FAILED', error = $2, finished_at = now() WHERE id = $1";

    private final Pool pool;

    public UploadRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Upload> insert(UUID id, String filename, String bucket, String objectKey, long sizeBytes,
            Instant createdAt) {
        return pool.preparedQuery(INSERT)
                .execute(Tuple.of(id, filename, bucket, objectKey, sizeBytes, odt(createdAt)))
                .map(rows -> from(rows.iterator().next()));
    }

    public Uni<Optional<Upload>> findById(UUID id) {
        return pool.preparedQuery(FIND_BY_ID).execute(Tuple.of(id))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(from(rows.iterator().next())));
    }

    public Uni<List<Upload>> listNewestFirst(int limit) {
        return pool.preparedQuery(LIST_NEWEST_FIRST).execute(Tuple.of(limit))
                .map(rows -> rows.stream().map(UploadRepository::from).toList());
    }

    /** @return the number of rows changed (0 when the upload is not ours) */
    public Uni<Integer> applyProgress(UUID id, long bytesRead, long rowsRead, long rowsLoaded, long rowsRejected,
            long productsWritten, Instant startedAt) {
        return update(APPLY_PROGRESS, id, bytesRead, rowsRead, rowsLoaded, rowsRejected, productsWritten,
                odt(startedAt));
    }

    public Uni<Integer> applyFinished(UUID id, IngestState state, long rowsRead, long rowsLoaded, long rowsRejected,
            long productsWritten, Instant startedAt, Instant finishedAt, String error) {
        return update(APPLY_FINISHED, id, state.name(), rowsRead, rowsLoaded, rowsRejected, productsWritten,
                odt(startedAt), odt(finishedAt), error);
    }

    public Uni<Integer> markAggregated(UUID id, Instant changedAt) {
        return update(MARK_AGGREGATED, id, odt(changedAt));
    }

    public Uni<Integer> markFailed(UUID id, String error) {
        return update(MARK_FAILED, id, error);
    }

    private Uni<Integer> update(String sql, Object... params) {
        // Arrays.asList, not List.of: parameters may be null
        return pool.preparedQuery(sql).execute(Tuple.from(Arrays.asList(params))).map(RowSet::rowCount);
    }

    static Upload from(Row row) {
        return new Upload(
                row.getUUID("id"),
                row.getLong("seq"),
                row.getString("filename"),
                row.getString("bucket"),
                row.getString("object_key"),
                row.getLong("size_bytes"),
                IngestState.valueOf(row.getString("status")),
                row.getLong("bytes_read"),
                row.getLong("rows_read"),
                row.getLong("rows_loaded"),
                row.getLong("rows_rejected"),
                row.getLong("products_written"),
                row.getString("error"),
                instant(row.getOffsetDateTime("created_at")),
                instant(row.getOffsetDateTime("started_at")),
                instant(row.getOffsetDateTime("finished_at")),
                instant(row.getOffsetDateTime("aggregated_at")));
    }

    private static OffsetDateTime odt(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
