package io.lfp.ingest.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lfp.events.ChunkReady;
import io.lfp.events.FailedChunk;
import io.lfp.ingest.domain.IngestJob;
import io.lfp.ingest.repository.IngestJobRepository.Removed;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The ingest_chunks table: which chunks are done or given up, committed with their effects, each with the
 * fields of its ChunkReady so that a retry can announce it again.
 */
@ApplicationScoped
public class IngestChunkRepository {

    /** A chunk given back to the workers by a retry (RETRYING) counts as not recorded. */
    static final String EXISTS = """
            SELECT 1 FROM ingest_chunks WHERE upload_id = $1 AND chunk_index = $2 AND state <> 'RETRYING'""";

    /**
     * First statement of a chunk's transaction. A concurrent duplicate blocks here on the primary key
     * until the first commits, then inserts nothing: the row count says whether this delivery owns the chunk.
     * A RETRYING row is the one exception: the first delivery after the retry records the chunk over it.
     * JDBC (? parameters): the chunk's transaction runs on a JDBC connection for its COPY.
     */
    static final String INSERT = """
            INSERT INTO ingest_chunks (upload_id, chunk_index, state, rows_read, rows_loaded, rows_rejected,
                products_written, bytes, attempts, error, upload_seq, bucket, object_key, range_start, range_end,
                first_record, first_line, records, part_size)
            VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (upload_id, chunk_index) DO UPDATE SET
                state = EXCLUDED.state, rows_read = EXCLUDED.rows_read, rows_loaded = EXCLUDED.rows_loaded,
                rows_rejected = EXCLUDED.rows_rejected, bytes = EXCLUDED.bytes, attempts = EXCLUDED.attempts,
                error = EXCLUDED.error, finished_at = now()
            WHERE ingest_chunks.state = 'RETRYING'""";

    /** The failed chunks of a job, in file order; a chunk's last line is the line before the next chunk's first. */
    static final String FAILED = """
            SELECT c.chunk_index, c.first_record, c.records, c.first_line, c.error,
                   (SELECT n.first_line - 1 FROM ingest_chunks n
                    WHERE n.upload_id = c.upload_id AND n.chunk_index = c.chunk_index + 1) AS last_line
            FROM ingest_chunks c WHERE c.upload_id = $1 AND c.state = 'FAILED' ORDER BY c.chunk_index""";

    /**
     * What the chunks a retry gives back had added to their job (see {@link Removed}); the first chunk's
     * bytes read include the header before it. $2: all chunks (staged rows lost), else only the failed ones.
     * Chunks recorded before their ChunkReady fields were kept are counted apart: such a job cannot be retried.
     */
    static final String TO_RETRY_SUMS = """
            SELECT count(*) FILTER (WHERE state = 'FAILED') AS failed, count(*) FILTER (WHERE state = 'DONE') AS done,
                   COALESCE(sum(CASE WHEN chunk_index = 0 THEN range_end ELSE bytes END), 0) AS bytes_read,
                   COALESCE(sum(rows_read), 0) AS rows_read, COALESCE(sum(rows_loaded), 0) AS rows_loaded,
                   COALESCE(sum(rows_rejected), 0) AS rows_rejected,
                   count(*) FILTER (WHERE first_record IS NULL) AS unknown
            FROM ingest_chunks WHERE upload_id = $1 AND (state = 'FAILED' OR $2)""";

    /** The record ranges of failed chunks that left rows behind (staged or rejected). */
    static final String FAILED_RANGES_WITH_ROWS = """
            SELECT first_record, first_record + records - 1 AS last_record FROM ingest_chunks
            WHERE upload_id = $1 AND state = 'FAILED' AND (rows_loaded > 0 OR rows_rejected > 0)""";

    /** Gives chunks back to the workers. $2: all of them (staged rows lost), else the failed ones. */
    static final String MARK_RETRYING = """
            UPDATE ingest_chunks SET state = 'RETRYING'
            WHERE upload_id = $1 AND (state = 'FAILED' OR $2)""";

    static final String RETRYING = """
            SELECT * FROM ingest_chunks WHERE upload_id = $1 AND state = 'RETRYING' ORDER BY chunk_index""";

    private final Pool pool;

    public IngestChunkRepository(Pool pool) {
        this.pool = pool;
    }

    /** Whether the chunk is recorded (done or failed); a cheap check before reading it from S3. */
    public Uni<Boolean> exists(UUID uploadId, int chunkIndex) {
        return pool.preparedQuery(EXISTS).execute(Tuple.of(uploadId, chunkIndex)).map(rows -> rows.size() > 0);
    }

    /** Records the chunk inside its (JDBC) transaction; false when it was already recorded. Blocking. */
    public boolean insert(Connection tx, ChunkReady chunk, boolean failed, long rowsRead, long rowsLoaded,
            long rowsRejected, long bytes, int attempts, String error) throws SQLException {
        try (PreparedStatement st = tx.prepareStatement(INSERT)) {
            st.setObject(1, UUID.fromString(chunk.uploadId()));
            st.setInt(2, chunk.chunkIndex());
            st.setString(3, failed ? "FAILED" : "DONE");
            st.setLong(4, rowsRead);
            st.setLong(5, rowsLoaded);
            st.setLong(6, rowsRejected);
            st.setLong(7, bytes);
            st.setInt(8, attempts);
            st.setString(9, error);
            st.setLong(10, chunk.uploadSeq());
            st.setString(11, chunk.bucket());
            st.setString(12, chunk.key());
            st.setLong(13, chunk.rangeStart());
            st.setLong(14, chunk.rangeEnd());
            st.setLong(15, chunk.firstRecord());
            st.setLong(16, chunk.firstLine());
            st.setLong(17, chunk.records());
            st.setLong(18, chunk.partSize());
            return st.executeUpdate() == 1;
        }
    }

    /** The job's failed chunks with their ranges and errors, in file order. */
    public Uni<List<FailedChunk>> failed(UUID uploadId) {
        return pool.preparedQuery(FAILED).execute(Tuple.of(uploadId)).map(rows -> {
            List<FailedChunk> failed = new ArrayList<>(rows.size());
            for (Row row : rows) {
                long firstRecord = orZero(row.getLong("first_record"));
                failed.add(new FailedChunk(row.getInteger("chunk_index"), firstRecord,
                        firstRecord + orZero(row.getLong("records")) - 1, orZero(row.getLong("first_line")),
                        row.getLong("last_line"), row.getString("error")));
            }
            return failed;
        });
    }

    /** What the chunks to run again had added to their job; null when one of them cannot be announced again. */
    public Uni<Removed> toRetry(SqlClient tx, UUID uploadId, boolean all) {
        return tx.preparedQuery(TO_RETRY_SUMS).execute(Tuple.of(uploadId, all)).map(rows -> {
            Row r = rows.iterator().next();
            return r.getLong("unknown") > 0 ? null
                    : new Removed(r.getLong("failed").intValue(), r.getLong("done").intValue(), r.getLong("bytes_read"),
                            r.getLong("rows_read"), r.getLong("rows_loaded"), r.getLong("rows_rejected"));
        });
    }

    /** [first, last] record numbers of the failed chunks that left staged or rejected rows. */
    public Uni<List<long[]>> failedRangesWithRows(SqlClient tx, UUID uploadId) {
        return tx.preparedQuery(FAILED_RANGES_WITH_ROWS).execute(Tuple.of(uploadId)).map(rows -> {
            List<long[]> ranges = new ArrayList<>();
            for (Row row : rows) {
                ranges.add(new long[] { row.getLong("first_record"), row.getLong("last_record") });
            }
            return ranges;
        });
    }

    public Uni<Integer> markRetrying(SqlClient tx, UUID uploadId, boolean all) {
        return tx.preparedQuery(MARK_RETRYING).execute(Tuple.of(uploadId, all)).map(rows -> rows.rowCount());
    }

    /** The chunks given back to the workers, as the ChunkReady events to announce again (totals from the job). */
    public Uni<List<ChunkReady>> retrying(SqlClient client, IngestJob job) {
        return client.preparedQuery(RETRYING).execute(Tuple.of(job.uploadId())).map(rows -> {
            List<ChunkReady> chunks = new ArrayList<>(rows.size());
            for (Row row : rows) {
                chunks.add(new ChunkReady(ChunkReady.VERSION, job.uploadId().toString(), row.getLong("upload_seq"),
                        row.getInteger("chunk_index"), job.chunksTotal(), row.getString("bucket"),
                        row.getString("object_key"), row.getLong("range_start"), row.getLong("range_end"),
                        row.getLong("first_record"), row.getLong("first_line"), row.getLong("records"),
                        job.bytesTotal(), job.recordsTotal(), row.getLong("part_size")));
            }
            return chunks;
        });
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
