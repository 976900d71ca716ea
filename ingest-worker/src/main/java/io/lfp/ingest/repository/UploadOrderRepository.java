package io.lfp.ingest.repository;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads (never writes) upload-service's {@code uploads} table to learn whether an earlier upload can
 * still merge after the current one, and whether an event names an upload that was recorded. The one read this service makes of
 * another's table: the upload
 * sequence is assigned there, and only there is every upload visible from the moment it has one.
 */
@ApplicationScoped
public class UploadOrderRepository {

    /** Whether upload-service's table is in this database (it is not when ingest-worker runs on its own). */
    static final String UPLOADS_TABLE_EXISTS = "SELECT to_regclass('uploads') IS NOT NULL";

    /**
     * True when every upload with a lower sequence has ended for good. Its status turns terminal only after
     * its job's merge committed (upload-service learns it from ingest-finished), so none of them can merge
     * later; except a FAILED job whose staged rows are kept (this service's own ingest_jobs): a retry merges it.
     */
    static final String EARLIER_UPLOADS_ENDED = """
            SELECT NOT EXISTS (SELECT 1 FROM uploads WHERE seq < $1
                               AND status NOT IN ('COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED'))
               AND NOT EXISTS (SELECT 1 FROM ingest_jobs WHERE upload_seq < $1 AND state = 'FAILED' AND retryable)""";

    /** The upload as upload-service recorded it, to check that an event names it truthfully. */
    static final String RECORDED_UPLOAD = "SELECT seq, bucket, object_key FROM uploads WHERE id = $1";

    /** An upload as upload-service recorded it. */
    public record RecordedUpload(long seq, String bucket, String key) {
    }

    /**
     * The upload's row; {@code Optional.empty()} when there is none; null when upload-service's table is
     * not in this database (nothing to check against).
     */
    public Uni<Optional<RecordedUpload>> recorded(SqlClient client, UUID uploadId) {
        return client.query(UPLOADS_TABLE_EXISTS).execute().map(rows -> rows.iterator().next().getBoolean(0))
                .chain(exists -> !exists ? Uni.createFrom().nullItem()
                        : client.preparedQuery(RECORDED_UPLOAD).execute(Tuple.of(uploadId))
                                .map(rows -> rows.size() == 0 ? Optional.<RecordedUpload> empty()
                                        : Optional.of(from(rows.iterator().next()))));
    }

    static RecordedUpload from(Row row) {
        return new RecordedUpload(row.getLong("seq"), row.getString("bucket"), row.getString("object_key"));
    }

    /** See {@link #EARLIER_UPLOADS_ENDED}; false, the safe answer, when the table is not there. */
    public Uni<Boolean> earlierUploadsEnded(SqlClient client, long uploadSeq) {
        return client.query(UPLOADS_TABLE_EXISTS).execute().map(rows -> rows.iterator().next().getBoolean(0))
                .chain(exists -> !exists ? Uni.createFrom().item(false)
                        : client.preparedQuery(EARLIER_UPLOADS_ENDED).execute(Tuple.of(uploadSeq))
                                .map(rows -> rows.iterator().next().getBoolean(0)));
    }
}
