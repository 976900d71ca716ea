package io.lfp.dashboard.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lfp.dashboard.domain.UploadView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads upload-service's {@code uploads} table; never writes it. */
@ApplicationScoped
public class UploadRepository {

    static final String COLUMNS = """
            id, filename, status, size_bytes, bytes_read, rows_read, rows_loaded, rows_rejected,
            products_written, error, created_at, started_at, finished_at, aggregated_at,
            chunks_total, chunks_done, chunks_failed, records_total, uploaded_by""";
    static final String NEWEST = "SELECT " + COLUMNS + " FROM uploads ORDER BY created_at DESC, seq DESC LIMIT $1";
    static final String FIND_BY_ID = "SELECT " + COLUMNS + " FROM uploads WHERE id = $1";
    static final String COUNT = "SELECT count(*) FROM uploads";

    private final Pool pool;

    public UploadRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<UploadView>> newest(int limit) {
        return pool.preparedQuery(NEWEST).execute(Tuple.of(limit)).map(rows -> {
            Instant now = Instant.now();
            List<UploadView> out = new ArrayList<>(rows.size());
            rows.forEach(row -> out.add(from(row, now)));
            return out;
        });
    }

    /** The upload, or null. */
    public Uni<UploadView> findById(UUID id) {
        return pool.preparedQuery(FIND_BY_ID).execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? from(rows.iterator().next(), Instant.now()) : null);
    }

    public Uni<Long> count() {
        return pool.query(COUNT).execute().map(rows -> rows.iterator().next().getLong(0));
    }

    /** The row with its rates measured up to {@code now}: the table does not say when its counters were taken. */
    static UploadView from(Row row, Instant now) {
        UUID id = row.getUUID("id");
        return new UploadView(id == null ? null : id.toString(), row.getString("filename"),
                row.getString("status"), row.getLong("size_bytes"), row.getLong("bytes_read"),
                row.getLong("rows_read"), row.getLong("rows_loaded"), row.getLong("rows_rejected"),
                row.getLong("products_written"), row.getString("error"), instant(row, "created_at"),
                instant(row, "started_at"), instant(row, "finished_at"), instant(row, "aggregated_at"),
                row.getInteger("chunks_total"), row.getInteger("chunks_done"), row.getInteger("chunks_failed"),
                row.getLong("records_total"), 0, null, null, row.getString("uploaded_by"))
                .measuredAt(now);
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
