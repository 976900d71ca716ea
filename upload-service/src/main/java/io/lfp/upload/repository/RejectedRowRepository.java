package io.lfp.upload.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads (never writes) ingest-worker's {@code rejected_rows} table, so that the upload API is the one public
 * place for an upload, its rejected rows included (compose does not publish the workers' ports). Allowed
 * like ingest-worker's read of {@code uploads}: the table and its columns are ingest-worker's
 * (db/migration/ingest/V1); rows are only read here, page by page.
 */
@ApplicationScoped
public class RejectedRowRepository {

    /** Whether ingest-worker's table is in this database (it is not when upload-service runs on its own). */
    static final String TABLE_EXISTS = "SELECT to_regclass('rejected_rows') IS NOT NULL";

    /** Keyset paging on the primary key keeps each page cheap however many rows an upload rejected. */
    static final String PAGE = """
            SELECT record_number, line_number, reason, raw_text FROM rejected_rows
            WHERE upload_id = $1 AND record_number > $2 ORDER BY record_number LIMIT $3""";

    /** A rejected record as stored. */
    public record RejectedRow(long recordNumber, long lineNumber, String reason, String rawText) {
    }

    private final Pool pool;

    public RejectedRowRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Boolean> tableExists() {
        return pool.query(TABLE_EXISTS).execute().map(rows -> rows.iterator().next().getBoolean(0));
    }

    /** Up to {@code limit} rejected rows with a record number above {@code afterRecord}, in order. */
    public Uni<List<RejectedRow>> page(UUID uploadId, long afterRecord, int limit) {
        return pool.preparedQuery(PAGE).execute(Tuple.of(uploadId, afterRecord, limit)).map(rows -> {
            List<RejectedRow> page = new ArrayList<>(rows.size());
            for (Row row : rows) {
                page.add(new RejectedRow(row.getLong("record_number"), row.getLong("line_number"),
                        row.getString("reason"), row.getString("raw_text")));
            }
            return page;
        });
    }
}
