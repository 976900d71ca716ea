package io.lfp.ingest.repository;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lfp.ingest.domain.IngestJob;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What the sweeper reads and ends: silent jobs, lost results, expired bookkeeping. Whether an upload is
 * still being received is read from upload-service's {@code uploads} table ({@code last_activity_at},
 * kept fresh by the instance receiving it, and set at the seal), like {@link UploadOrderRepository} reads
 * its status; durations are passed in milliseconds.
 */
@ApplicationScoped
public class JobSweepRepository {

    /** upload-service's table with the columns the sweeper reads (absent when ingest-worker runs alone). */
    static final String UPLOADS_ACTIVITY_EXISTS = """
            SELECT count(*) = 3 FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = 'uploads'
              AND column_name IN ('id', 'status', 'last_activity_at')""";

    /**
     * A job silent for $1 ms: not ended, not complete (a complete job is merging, or merges on the redelivery
     * of the event that completed it), no chunk recorded within the silence.
     */
    private static final String SILENT_JOB = """
            j.state IN ('QUEUED', 'INGESTING')
            AND NOT (j.chunks_total > 0 AND j.chunks_done + j.chunks_failed >= j.chunks_total)
            AND j.started_at < now() - $1::bigint * interval '1 millisecond'
            AND NOT EXISTS (SELECT 1 FROM ingest_chunks c WHERE c.upload_id = j.upload_id
                            AND c.finished_at >= now() - $1::bigint * interval '1 millisecond')""";

    /** ... and whose upload is not being received: its row is gone, ended, or as silent. */
    private static final String UPLOAD_SILENT = """
            (u.id IS NULL OR u.status IN ('COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED')
             OR u.last_activity_at < now() - $1::bigint * interval '1 millisecond')""";

    static final String SILENT = "SELECT j.upload_id FROM ingest_jobs j LEFT JOIN uploads u ON u.id = j.upload_id WHERE "
            + SILENT_JOB + " AND " + UPLOAD_SILENT + " ORDER BY j.started_at LIMIT $2";

    static final String SILENT_WITHOUT_UPLOADS = "SELECT j.upload_id FROM ingest_jobs j WHERE " + SILENT_JOB
            + " ORDER BY j.started_at LIMIT $2";

    /** The same test, on one job, taking its row: a chunk or a merge holding it is not waited for. */
    static final String LOCK_SILENT = "SELECT j.* FROM ingest_jobs j LEFT JOIN uploads u ON u.id = j.upload_id "
            + "WHERE j.upload_id = $2 AND " + SILENT_JOB + " AND " + UPLOAD_SILENT + " FOR UPDATE OF j SKIP LOCKED";

    static final String LOCK_SILENT_WITHOUT_UPLOADS = "SELECT j.* FROM ingest_jobs j WHERE j.upload_id = $2 AND "
            + SILENT_JOB + " FOR UPDATE OF j SKIP LOCKED";

    /** Ends a silent job: its own reason, not a failed chunk's, is what the user needs to read. */
    static final String FAIL = """
            UPDATE ingest_jobs SET state = 'FAILED', error = $2, finished_at = now(), failed_at = now(), retryable = false
            WHERE upload_id = $1
            RETURNING *""";

    /**
     * Ended jobs whose upload's row still waits for the result ($1 ms after the end): their ingest-finished was
     * lost (a worker died between its commit and the send, with no redelivery to repeat it).
     */
    static final String UNANNOUNCED = """
            SELECT j.* FROM ingest_jobs j JOIN uploads u ON u.id = j.upload_id
            WHERE u.status IN ('QUEUED', 'INGESTING')
              AND j.state IN ('COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED')
              AND j.finished_at < now() - $1::bigint * interval '1 millisecond'
            ORDER BY j.finished_at LIMIT $2""";

    /** FAILED jobs older than $1 ms whose staging table is still there (kept for a retry). */
    static final String FAILED_WITH_STAGING = """
            SELECT upload_id FROM ingest_jobs
            WHERE state = 'FAILED' AND finished_at < now() - $1::bigint * interval '1 millisecond'
              AND to_regclass('ingest_staging_' || replace(upload_id::text, '-', '')) IS NOT NULL
            ORDER BY finished_at LIMIT $2""";

    /** Taken before dropping a failed job's staging: a retry that took the row first is not disturbed. */
    static final String LOCK_FAILED = """
            SELECT upload_id FROM ingest_jobs
            WHERE upload_id = $1 AND state = 'FAILED' AND finished_at < now() - $2::bigint * interval '1 millisecond'
            FOR UPDATE SKIP LOCKED""";

    /** Deletes the bookkeeping of up to $2 jobs that ended more than $1 ms ago; yields their ids. */
    static final String DELETE_EXPIRED = """
            WITH expired AS (
                SELECT upload_id FROM ingest_jobs
                WHERE state IN ('COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED')
                  AND finished_at < now() - $1::bigint * interval '1 millisecond'
                ORDER BY finished_at LIMIT $2
                FOR UPDATE SKIP LOCKED
            ), chunks AS (
                DELETE FROM ingest_chunks WHERE upload_id IN (SELECT upload_id FROM expired)
            ), merges AS (
                DELETE FROM ingest_merges WHERE upload_id IN (SELECT upload_id FROM expired)
            ), rejected AS (
                DELETE FROM rejected_rows WHERE upload_id IN (SELECT upload_id FROM expired)
            ), deltas AS (
                DELETE FROM name_count_deltas WHERE upload_id IN (SELECT upload_id FROM expired)
            )
            DELETE FROM ingest_jobs WHERE upload_id IN (SELECT upload_id FROM expired)
            RETURNING upload_id""";

    private final Pool pool;

    public JobSweepRepository(Pool pool) {
        this.pool = pool;
    }

    /** Whether upload-service's uploads table (with its activity column) is in this database. */
    public Uni<Boolean> uploadsActivityExists() {
        return pool.query(UPLOADS_ACTIVITY_EXISTS).execute().map(rows -> rows.iterator().next().getBoolean(0));
    }

    public Uni<List<UUID>> silent(Duration silence, boolean withUploads, int limit) {
        return pool.preparedQuery(withUploads ? SILENT : SILENT_WITHOUT_UPLOADS)
                .execute(Tuple.of(silence.toMillis(), limit)).map(JobSweepRepository::ids);
    }

    /** The job, locked, when it is still silent; null when it is not (or another transaction holds it). */
    public Uni<IngestJob> lockSilent(SqlClient tx, UUID uploadId, Duration silence, boolean withUploads) {
        return tx.preparedQuery(withUploads ? LOCK_SILENT : LOCK_SILENT_WITHOUT_UPLOADS)
                .execute(Tuple.of(silence.toMillis(), uploadId)).map(JobSweepRepository::firstOrNull);
    }

    public Uni<IngestJob> fail(SqlClient tx, UUID uploadId, String error) {
        return tx.preparedQuery(FAIL).execute(Tuple.of(uploadId, error)).map(JobSweepRepository::firstOrNull);
    }

    public Uni<List<IngestJob>> unannounced(Duration after, int limit) {
        return pool.preparedQuery(UNANNOUNCED).execute(Tuple.of(after.toMillis(), limit)).map(rows -> {
            List<IngestJob> jobs = new ArrayList<>(rows.size());
            rows.forEach(row -> jobs.add(IngestJobRepository.from(row)));
            return jobs;
        });
    }

    public Uni<List<UUID>> failedWithStaging(Duration age, int limit) {
        return pool.preparedQuery(FAILED_WITH_STAGING).execute(Tuple.of(age.toMillis(), limit))
                .map(JobSweepRepository::ids);
    }

    /** True when the job is FAILED, old enough, and now locked by {@code tx}. */
    public Uni<Boolean> lockFailed(SqlClient tx, UUID uploadId, Duration age) {
        return tx.preparedQuery(LOCK_FAILED).execute(Tuple.of(uploadId, age.toMillis())).map(rows -> rows.size() == 1);
    }

    public Uni<List<UUID>> deleteExpired(Duration retention, int limit) {
        return pool.preparedQuery(DELETE_EXPIRED).execute(Tuple.of(retention.toMillis(), limit))
                .map(JobSweepRepository::ids);
    }

    private static List<UUID> ids(RowSet<Row> rows) {
        List<UUID> ids = new ArrayList<>(rows.size());
        rows.forEach(row -> ids.add(row.getUUID("upload_id")));
        return ids;
    }

    private static IngestJob firstOrNull(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? IngestJobRepository.from(it.next()) : null;
    }
}
