package io.lfp.upload.repository;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lfp.events.FailedChunk;
import io.lfp.events.IngestState;
import io.lfp.upload.domain.Upload;
import io.lfp.upload.domain.UploadSource;
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
            rows_rejected, products_written, error, created_at, started_at, finished_at, aggregated_at,
            chunks_total, chunks_done, chunks_failed, records_total, source, failed_chunks::text AS failed_chunks,
            retryable, retries, uploaded_by""";

    /** An HTTP upload: stored and planned before its row is written. */
    static final String INSERT = """
            INSERT INTO uploads (id, filename, bucket, object_key, size_bytes, status, created_at, chunks_total,
                records_total, source, uploaded_by)
            VALUES ($1, $2, $3, $4, $5, 'QUEUED', $6, $7, $8, 'HTTP', $9)
            RETURNING\s""" + COLUMNS;

    /**
     * A requested upload: the row comes first (so a bad object is visible as a FAILED upload). A
     * redelivered request hits the unique request_key and inserts nothing.
     */
    static final String INSERT_REQUESTED = """
            INSERT INTO uploads (id, filename, bucket, object_key, size_bytes, status, created_at, source, request_key,
                uploaded_by)
            VALUES ($1, $2, $3, $4, 0, 'QUEUED', $5, 'KAFKA', $6, $7)
            ON CONFLICT (request_key) DO NOTHING
            RETURNING\s""" + COLUMNS;

    static final String FIND_BY_REQUEST_KEY = "SELECT " + COLUMNS + " FROM uploads WHERE request_key = $1";

    /** A requested object was planned: its size and chunks, before they are announced. */
    static final String RECORD_PLAN = """
            UPDATE uploads SET size_bytes = $2, chunks_total = $3, records_total = $4
            WHERE id = $1 AND status = 'QUEUED'
            RETURNING\s""" + COLUMNS;

    /** An HTTP upload's totals, known once it is all stored; its chunks may be ingesting already. */
    static final String RECORD_STREAMED = """
            UPDATE uploads SET size_bytes = $2, chunks_total = $3, records_total = $4
            WHERE id = $1 AND status IN ('QUEUED', 'INGESTING')
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
                started_at = COALESCE(started_at, $7),
                chunks_total = GREATEST(chunks_total, $8),
                chunks_done = GREATEST(chunks_done, $9),
                chunks_failed = GREATEST(chunks_failed, $10),
                records_total = GREATEST(records_total, $11)
            WHERE id = $1""";

    /**
     * The job's final state; a completed job has read the whole object. An upload that already ended
     * keeps everything (a final status never changes again; the same event announced again is a no-op).
     * v1 events carry chunk counters of 0, which GREATEST ignores. The end of a run before the upload's
     * latest retry ($14: the retries the event's job had run) is ignored: the retry reopened the upload.
     */
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
                error = $9,
                chunks_total = GREATEST(chunks_total, $10),
                chunks_done = GREATEST(chunks_done, $10 - $11),
                chunks_failed = GREATEST(chunks_failed, $11),
                failed_chunks = ($12::text)::jsonb,
                retryable = $13
            WHERE id = $1 AND status NOT IN ('COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED') AND retries <= $14""";

    /**
     * A FAILED upload whose staged rows are kept goes back to INGESTING for its next retry; its failed chunks
     * stay until the job's next end replaces them. Only one request wins (the row is FAILED for one of them).
     */
    static final String REOPEN_FOR_RETRY = """
            UPDATE uploads SET status = 'INGESTING', retries = retries + 1, retryable = false, error = NULL,
                finished_at = NULL, aggregated_at = NULL, chunks_failed = 0
            WHERE id = $1 AND status = 'FAILED' AND retryable
            RETURNING\s""" + COLUMNS;

    /** The retry could not be announced: FAILED again, still retryable, with the reason. */
    static final String UNDO_RETRY = """
            UPDATE uploads SET status = 'FAILED', retryable = true, retries = retries - 1, error = $3,
                finished_at = now(), chunks_failed = jsonb_array_length(failed_chunks)
            WHERE id = $1 AND status = 'INGESTING' AND retries = $2""";

    static final String MARK_AGGREGATED = """
            UPDATE uploads SET aggregated_at = GREATEST(aggregated_at, $2)
            WHERE id = $1""";

    /** An upload that already ended keeps its final status and error. */
    static final String MARK_FAILED = """
            UPDATE uploads SET status = 'FAILED', error = $2, finished_at = now()
            WHERE id = $1 AND status IN ('QUEUED', 'INGESTING')""";

    /**
     * An HTTP upload that stopped midway leaves no row (it is refused as a whole), unless the sweeper ended
     * it FAILED meanwhile: that row keeps saying why.
     */
    static final String DELETE = "DELETE FROM uploads WHERE id = $1 AND status IN ('QUEUED', 'INGESTING')";

    /** The uploads this instance is streaming in are alive (see {@link #SWEEP_SILENT}). */
    static final String TOUCH = """
            UPDATE uploads SET last_activity_at = now()
            WHERE id = ANY($1) AND status IN ('QUEUED', 'INGESTING') AND sealed_at IS NULL""";

    /** FileUploaded was acknowledged: from now on the ingest-worker ends the job. */
    static final String MARK_SEALED = "UPDATE uploads SET sealed_at = now(), last_activity_at = now() WHERE id = $1";

    /**
     * Ends unsealed uploads nobody has kept alive for the silence ($1 ms): the instance streaming them died.
     * SKIP LOCKED: several instances sweep at once and each row is ended by one of them.
     */
    static final String SWEEP_SILENT = """
            UPDATE uploads SET status = 'FAILED', error = $2, finished_at = now()
            WHERE id IN (SELECT id FROM uploads
                         WHERE sealed_at IS NULL AND status IN ('QUEUED', 'INGESTING')
                           AND last_activity_at < now() - $1::bigint * interval '1 millisecond'
                           AND id <> ALL($4::uuid[])
                         ORDER BY last_activity_at LIMIT $3
                         FOR UPDATE SKIP LOCKED)
            RETURNING\s""" + COLUMNS;

    /**
     * Ended HTTP uploads whose part objects are past their retention ($1 ms), or that failed before they were
     * sealed: an incomplete file is of no use to a retry (the ingest-worker's sweeper may have ended its job
     * first). Objects requested on Kafka are someone else's and stay.
     */
    static final String FILES_EXPIRED = """
            SELECT\s""" + COLUMNS + """
             FROM uploads
            WHERE files_deleted_at IS NULL AND source = 'HTTP'
              AND status IN ('COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED')
              AND (finished_at < now() - $1::bigint * interval '1 millisecond'
                   OR (status = 'FAILED' AND sealed_at IS NULL))
            ORDER BY finished_at LIMIT $2""";

    /** Without its files an upload has nothing to run again: a retry is refused (409) from then on. */
    static final String MARK_FILES_DELETED = "UPDATE uploads SET files_deleted_at = now(), retryable = false WHERE id = $1";

    private final Pool pool;

    public UploadRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Upload> insert(UUID id, String filename, String bucket, String objectKey, long sizeBytes,
            Instant createdAt, int chunksTotal, long recordsTotal, String uploadedBy) {
        return pool.preparedQuery(INSERT)
                .execute(Tuple.from(List.of(id, filename, bucket, objectKey, sizeBytes, odt(createdAt), chunksTotal,
                        recordsTotal, uploadedBy)))
                .map(rows -> from(rows.iterator().next()));
    }

    /** @return the new row, or the row an earlier delivery of the same request created */
    public Uni<Upload> insertRequested(UUID id, String filename, String bucket, String objectKey, Instant createdAt,
            String requestKey) {
        return pool.preparedQuery(INSERT_REQUESTED)
                .execute(Tuple.from(List.of(id, filename, bucket, objectKey, odt(createdAt), requestKey,
                        Upload.INGEST_REQUESTED)))
                .flatMap(rows -> rows.rowCount() == 1 ? Uni.createFrom().item(from(rows.iterator().next()))
                        : pool.preparedQuery(FIND_BY_REQUEST_KEY).execute(Tuple.of(requestKey))
                                .map(found -> from(found.iterator().next())));
    }

    /** @return the updated row, or empty when the upload is no longer QUEUED */
    public Uni<Optional<Upload>> recordPlan(UUID id, long sizeBytes, int chunksTotal, long recordsTotal) {
        return pool.preparedQuery(RECORD_PLAN).execute(Tuple.of(id, sizeBytes, chunksTotal, recordsTotal))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(from(rows.iterator().next())));
    }

    public Uni<Void> delete(UUID id) {
        return pool.preparedQuery(DELETE).execute(Tuple.of(id)).replaceWithVoid();
    }

    public Uni<Optional<Upload>> recordStreamed(UUID id, long sizeBytes, int chunksTotal, long recordsTotal) {
        return pool.preparedQuery(RECORD_STREAMED).execute(Tuple.of(id, sizeBytes, chunksTotal, recordsTotal))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(from(rows.iterator().next())));
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
            long productsWritten, Instant startedAt, int chunksTotal, int chunksDone, int chunksFailed,
            long recordsTotal) {
        return update(APPLY_PROGRESS, id, bytesRead, rowsRead, rowsLoaded, rowsRejected, productsWritten,
                odt(startedAt), chunksTotal, chunksDone, chunksFailed, recordsTotal);
    }

    public Uni<Integer> applyFinished(UUID id, IngestState state, long rowsRead, long rowsLoaded, long rowsRejected,
            long productsWritten, Instant startedAt, Instant finishedAt, String error, int chunksTotal,
            int chunksFailed, List<FailedChunk> failedChunks, boolean retryable, int retries) {
        return update(APPLY_FINISHED, id, state.name(), rowsRead, rowsLoaded, rowsRejected, productsWritten,
                odt(startedAt), odt(finishedAt), error, chunksTotal, chunksFailed,
                writeChunks(failedChunks == null ? List.of() : failedChunks), retryable, retries);
    }

    /** @return the reopened row, or empty when the upload is not (or no longer) FAILED and retryable */
    public Uni<Optional<Upload>> reopenForRetry(UUID id) {
        return pool.preparedQuery(REOPEN_FOR_RETRY).execute(Tuple.of(id))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(from(rows.iterator().next())));
    }

    public Uni<Integer> undoRetry(UUID id, int retry, String error) {
        return update(UNDO_RETRY, id, retry, error);
    }

    public Uni<Integer> markAggregated(UUID id, Instant changedAt) {
        return update(MARK_AGGREGATED, id, odt(changedAt));
    }

    public Uni<Integer> markFailed(UUID id, String error) {
        return update(MARK_FAILED, id, error);
    }

    /** Keeps the uploads this instance is streaming from being swept. */
    public Uni<Integer> touch(List<UUID> ids) {
        return pool.preparedQuery(TOUCH).execute(Tuple.of(ids.toArray(UUID[]::new))).map(RowSet::rowCount);
    }

    public Uni<Integer> markSealed(UUID id) {
        return update(MARK_SEALED, id);
    }

    /** Ends up to {@code limit} silent unsealed uploads FAILED with {@code error}; yields them as ended. */
    /** @param receivedHere uploads this instance is receiving or cleaning up: not silent, whatever their row says */
    public Uni<List<Upload>> sweepSilent(Duration silence, String error, int limit, List<UUID> receivedHere) {
        return pool.preparedQuery(SWEEP_SILENT)
                .execute(Tuple.of(silence.toMillis(), error, limit, receivedHere.toArray(new UUID[0])))
                .map(rows -> rows.stream().map(UploadRepository::from).toList());
    }

    /** Up to {@code limit} ended HTTP uploads whose files are older than {@code retention}. */
    public Uni<List<Upload>> filesExpired(Duration retention, int limit) {
        return pool.preparedQuery(FILES_EXPIRED).execute(Tuple.of(retention.toMillis(), limit))
                .map(rows -> rows.stream().map(UploadRepository::from).toList());
    }

    public Uni<Integer> markFilesDeleted(UUID id) {
        return update(MARK_FILES_DELETED, id);
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
                instant(row.getOffsetDateTime("aggregated_at")),
                row.getInteger("chunks_total"),
                row.getInteger("chunks_done"),
                row.getInteger("chunks_failed"),
                row.getLong("records_total"),
                UploadSource.valueOf(row.getString("source")),
                readChunks(row.getString("failed_chunks")),
                row.getBoolean("retryable"),
                row.getInteger("retries"),
                row.getString("uploaded_by"));
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<FailedChunk>> CHUNKS = new TypeReference<>() {
    };

    static String writeChunks(List<FailedChunk> chunks) {
        try {
            return JSON.writeValueAsString(chunks);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Failed chunks not writable as JSON", e);
        }
    }

    static List<FailedChunk> readChunks(String json) {
        try {
            return json == null ? List.of() : JSON.readValue(json, CHUNKS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored failed chunks are not valid JSON", e);
        }
    }

    private static OffsetDateTime odt(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
