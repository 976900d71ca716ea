package io.lfp.ingest.repository;

import io.lfp.events.IngestState;
import io.lfp.ingest.domain.IngestJob;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The ingest_jobs table: the state and counters of every upload's ingest job. */
@ApplicationScoped
public class IngestJobRepository {

    static final String FIND = "SELECT * FROM ingest_jobs WHERE upload_id = $1";

    /**
     * Creates the job, or restarts it from zero when a previous attempt crashed while INGESTING.
     * A terminal job is left alone (no row returned): its result is re-announced instead.
     */
    static final String START = """
            INSERT INTO ingest_jobs AS j (upload_id, upload_seq, bucket, object_key, state, bytes_total)
            VALUES ($1, $2, $3, $4, 'INGESTING', $5)
            ON CONFLICT (upload_id) DO UPDATE SET upload_seq = EXCLUDED.upload_seq, bucket = EXCLUDED.bucket,
                object_key = EXCLUDED.object_key, state = 'INGESTING', bytes_total = EXCLUDED.bytes_total,
                bytes_read = 0, rows_read = 0, rows_loaded = 0, rows_rejected = 0, products_written = 0,
                error = NULL, started_at = now(), finished_at = NULL
            WHERE j.state IN ('QUEUED', 'INGESTING')
            RETURNING *""";

    static final String PROGRESS = """
            UPDATE ingest_jobs SET bytes_total = $2, bytes_read = $3, rows_read = $4, rows_loaded = $5,
                rows_rejected = $6, products_written = $7
            WHERE upload_id = $1 AND state = 'INGESTING'""";

    /** Only a running job ends; if another attempt ended it first, its stored result stands. */
    static final String FINISH = """
            UPDATE ingest_jobs SET state = $2, bytes_total = $3, bytes_read = $4, rows_read = $5, rows_loaded = $6,
                rows_rejected = $7, products_written = $8, error = $9, finished_at = now()
            WHERE upload_id = $1 AND state = 'INGESTING'
            RETURNING *""";

    private final Pool pool;

    public IngestJobRepository(Pool pool) {
        this.pool = pool;
    }

    /** The job, or null when the upload has none. */
    public Uni<IngestJob> find(UUID uploadId) {
        return pool.preparedQuery(FIND).execute(Tuple.of(uploadId)).map(IngestJobRepository::firstOrNull);
    }

    /** The started job, or null when the job is already terminal. */
    public Uni<IngestJob> start(UUID uploadId, long uploadSeq, String bucket, String objectKey, long bytesTotal) {
        return pool.preparedQuery(START)
                .execute(Tuple.of(uploadId, uploadSeq, bucket, objectKey, bytesTotal))
                .map(IngestJobRepository::firstOrNull);
    }

    public Uni<Void> progress(UUID uploadId, JobCounters c) {
        return pool.preparedQuery(PROGRESS)
                .execute(Tuple.from(new Object[] { uploadId, c.bytesTotal(), c.bytesRead(), c.rowsRead(), c.rowsLoaded(),
                        c.rowsRejected(), c.productsWritten() }))
                .replaceWithVoid();
    }

    /** The ended job, or null when it was no longer running (another attempt ended it). */
    public Uni<IngestJob> finish(UUID uploadId, IngestState state, JobCounters c, String error) {
        return pool.preparedQuery(FINISH)
                .execute(Tuple.from(new Object[] { uploadId, state.name(), c.bytesTotal(), c.bytesRead(), c.rowsRead(),
                        c.rowsLoaded(), c.rowsRejected(), c.productsWritten(), error }))
                .map(IngestJobRepository::firstOrNull);
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
                instant(row.getOffsetDateTime("started_at")), instant(row.getOffsetDateTime("finished_at")));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    /**
     * A job's counters at one moment.
     *
     * @param bytesTotal      object size
     * @param bytesRead       bytes read from the object
     * @param rowsRead        data records read
     * @param rowsLoaded      valid records written
     * @param rowsRejected    records rejected
     * @param productsWritten products inserted or updated
     */
    public record JobCounters(long bytesTotal, long bytesRead, long rowsRead, long rowsLoaded, long rowsRejected,
            long productsWritten) {
    }
}
