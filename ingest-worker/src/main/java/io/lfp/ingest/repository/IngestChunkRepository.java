package io.lfp.ingest.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/** The ingest_chunks table: which chunks are done or given up, committed with their effects. */
@ApplicationScoped
public class IngestChunkRepository {

    static final String EXISTS = "SELECT 1 FROM ingest_chunks WHERE upload_id = $1 AND chunk_index = $2";

    /**
     * First statement of a chunk's transaction. A concurrent duplicate blocks here on the primary key
     * until the first commits, then inserts nothing: the row count says whether this delivery owns the chunk.
     * JDBC (? parameters): the chunk's transaction runs on a JDBC connection for its COPY.
     */
    static final String INSERT = """
            INSERT INTO ingest_chunks (upload_id, chunk_index, state, rows_read, rows_loaded, rows_rejected,
                products_written, bytes, attempts, error)
            VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)
            ON CONFLICT (upload_id, chunk_index) DO NOTHING""";

    private final Pool pool;

    public IngestChunkRepository(Pool pool) {
        this.pool = pool;
    }

    /** Whether the chunk is recorded (done or failed); a cheap check before reading it from S3. */
    public Uni<Boolean> exists(UUID uploadId, int chunkIndex) {
        return pool.preparedQuery(EXISTS).execute(Tuple.of(uploadId, chunkIndex)).map(rows -> rows.size() > 0);
    }

    /** Records the chunk inside its (JDBC) transaction; false when it was already recorded. Blocking. */
    public boolean insert(Connection tx, UUID uploadId, int chunkIndex, boolean failed, long rowsRead,
            long rowsLoaded, long rowsRejected, long bytes, int attempts, String error) throws SQLException {
        try (PreparedStatement st = tx.prepareStatement(INSERT)) {
            st.setObject(1, uploadId);
            st.setInt(2, chunkIndex);
            st.setString(3, failed ? "FAILED" : "DONE");
            st.setLong(4, rowsRead);
            st.setLong(5, rowsLoaded);
            st.setLong(6, rowsRejected);
            st.setLong(7, bytes);
            st.setInt(8, attempts);
            st.setString(9, error);
            return st.executeUpdate() == 1;
        }
    }
}
