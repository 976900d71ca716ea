package io.lfp.ingest.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lfp.ingest.domain.RejectedRow;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Stores the records of an upload that could not be loaded. upload-service reads them (read only) for
 * {@code GET /api/uploads/{id}/rejected}, the one place clients get them.
 */
@ApplicationScoped
public class RejectedRowRepository {

    /**
     * Record numbers are unique per upload; a chunk's rows are inserted once, with its ingest_chunks row.
     * JDBC (? parameters): on the chunk's JDBC transaction, next to its COPY.
     */
    static final String INSERT = """
            INSERT INTO rejected_rows (upload_id, record_number, line_number, reason, raw_text)
            SELECT ?, * FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[])
            ON CONFLICT (upload_id, record_number) DO NOTHING""";

    /** A retried chunk's rejected rows from its failed attempt; $2, $3: its record range. */
    static final String DELETE_RANGE = """
            DELETE FROM rejected_rows WHERE upload_id = $1 AND record_number BETWEEN $2 AND $3""";

    /** Inserts rejected rows on the chunk's (JDBC) transaction. Blocking. */
    public void insert(Connection tx, UUID uploadId, List<RejectedRow> rows) throws SQLException {
        int n = rows.size();
        Long[] records = new Long[n];
        Long[] lines = new Long[n];
        String[] reasons = new String[n];
        String[] raws = new String[n];
        for (int i = 0; i < n; i++) {
            RejectedRow r = rows.get(i);
            records[i] = r.recordNumber();
            lines[i] = r.lineNumber();
            reasons[i] = r.reason();
            raws[i] = r.rawText();
        }
        try (PreparedStatement st = tx.prepareStatement(INSERT)) {
            st.setObject(1, uploadId);
            st.setArray(2, tx.createArrayOf("bigint", records));
            st.setArray(3, tx.createArrayOf("bigint", lines));
            st.setArray(4, tx.createArrayOf("text", reasons));
            st.setArray(5, tx.createArrayOf("text", raws));
            st.executeUpdate();
        }
    }

    /** Deletes the rejected rows of records {@code first} to {@code last} (a retry runs them again). */
    public Uni<Void> deleteRange(SqlClient tx, UUID uploadId, long first, long last) {
        return tx.preparedQuery(DELETE_RANGE).execute(Tuple.of(uploadId, first, last)).replaceWithVoid();
    }
}
