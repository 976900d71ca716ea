package io.lfp.ingest.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** The ingest_chunks table: which chunks are done or given up, committed with their effects. */
@ApplicationScoped
public class IngestChunkRepository {

    static final String EXISTS = "SELECT 1 FROM ingest_chunks WHERE upload_id = $1 AND chunk_index = $2";

    /**
     * First statement of a chunk's transaction. A concurrent duplicate blocks here on the primary key
     * until the first commits, then inserts nothing: the row count says whether this delivery owns the chunk.
     */
    static final String INSERT = """
            INSERT INTO ingest_chunks (upload_id, chunk_index, state, rows_read, rows_loaded, rows_rejected,
                products_written, bytes, attempts, error)
            VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $8, $9)
            ON CONFLICT (upload_id, chunk_index) DO NOTHING""";

    private final Pool pool;

    public IngestChunkRepository(Pool pool) {
        this.pool = pool;
    }

    /** Whether the chunk is recorded (done or failed); a cheap check before reading it from S3. */
    public Uni<Boolean> exists(UUID uploadId, int chunkIndex) {
        return pool.preparedQuery(EXISTS).execute(Tuple.of(uploadId, chunkIndex)).map(rows -> rows.size() > 0);
    }

    /** Records the chunk inside its transaction; false when it was already recorded. */
    public Uni<Boolean> insert(SqlClient tx, UUID uploadId, int chunkIndex, boolean failed, long rowsRead,
            long rowsLoaded, long rowsRejected, long bytes, int attempts, String error) {
        return tx.preparedQuery(INSERT)
                .execute(Tuple.from(new Object[] { uploadId, chunkIndex, failed ? "FAILED" : "DONE", rowsRead,
                        rowsLoaded, rowsRejected, bytes, attempts, error }))
                .map(rows -> rows.rowCount() == 1);
    }
}
