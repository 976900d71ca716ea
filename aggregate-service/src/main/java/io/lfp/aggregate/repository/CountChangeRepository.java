package io.lfp.aggregate.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.lfp.aggregate.domain.UploadCountParts;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Adds count changes to product_counts (owned here), each exactly once (applied_count_changes, owned
 * here). An upload's changes are read from ingest-worker's name_count_deltas (only read here).
 * The writing methods run inside the caller's transaction, which holds the counts lock
 * ({@link ProductCountRepository#lockCounts}) or, for a part of an upload, the lock of its part
 * ({@link ProductCountRepository#lockUploadPart}).
 */
@ApplicationScoped
public class CountChangeRepository {

    /* An upload's records: its parts, or one record for the whole upload (before parts existed). */
    static final String UPLOAD_SOURCES = "SELECT source FROM applied_count_changes WHERE starts_with(source, $1)";

    /* Blocks on the primary key while another transaction records the same source, then inserts nothing. */
    static final String RECORD_SOURCE = """
            INSERT INTO applied_count_changes (source) VALUES ($1) ON CONFLICT (source) DO NOTHING""";

    /*
     * A merge bucket holds a name at most once, but a name spans buckets: the part's names and the sums of
     * their changes go to a temporary table first, which is then analyzed. Why: as one statement (a CTE),
     * the planner estimated the changes from name_count_deltas' statistics, taken before the upload's rows
     * were there (7 rows for 120k names), and probed product_counts' index once per name in three nested
     * loops: 1.42 s instead of 0.70 s per part at 500k rows (auto_explain in the bench). With the real
     * number it joins by hash for a large upload and still probes the index for a small one.
     */
    static final String CREATE_CHANGES = """
            CREATE TEMP TABLE upload_count_changes (name text COLLATE "C" NOT NULL, delta bigint NOT NULL)
            ON COMMIT DROP""";

    static final String COLLECT_CHANGES = """
            INSERT INTO upload_count_changes (name, delta)
            SELECT name, sum(delta) FROM name_count_deltas
            WHERE upload_id = $1 AND (hashtext(name) & 2147483647) % $2 = $3
            GROUP BY name""";

    static final String ANALYZE_CHANGES = "ANALYZE upload_count_changes";

    /*
     * In one statement on disjoint rows, names whose count reaches zero are deleted (no product carries
     * them any more), the other known names updated and new names inserted: cheaper than INSERT … ON
     * CONFLICT for the many new names of a large upload. Only the names of one part
     * ({@link UploadCountParts}) are added, so it is safe: every other writer of these names waits (an
     * edit holds the counts lock exclusive, the same part of another upload the part's lock) and the
     * other parts run in parallel on disjoint names. A count may go below zero for a while when a later
     * upload's changes (it replaced rows of an earlier one) are added before the earlier upload's; it is
     * exact again once both are in. Deleting in the same statement, instead of a second pass over the upload's names,
     * saved 0.8 s of a 2.7 s apply at 500k rows (auto_explain in the bench).
     */
    static final String ADD_UPLOAD_CHANGES = """
            WITH deleted AS (
                DELETE FROM product_counts pc USING upload_count_changes c
                WHERE pc.name = c.name AND pc.product_count + c.delta = 0
                RETURNING pc.name
            ), updated AS (
                UPDATE product_counts pc SET product_count = pc.product_count + c.delta
                FROM upload_count_changes c WHERE pc.name = c.name AND pc.product_count + c.delta <> 0
                RETURNING pc.name
            ), inserted AS (
                INSERT INTO product_counts (name, product_count)
                SELECT c.name, c.delta FROM upload_count_changes c
                WHERE c.delta <> 0 AND NOT EXISTS (SELECT 1 FROM product_counts pc WHERE pc.name = c.name)
                RETURNING name
            )
            SELECT (SELECT count(*) FROM updated) + (SELECT count(*) FROM inserted) AS names_changed,
                   (SELECT count(*) FROM deleted) AS names_deleted""";

    /* The per-name sums of a large upload's changes fit in memory instead of spilling (4 MB default). */
    static final String APPLY_MEMORY = "SET LOCAL work_mem = '64MB'";

    static final String ADD_DELTA = """
            INSERT INTO product_counts (name, product_count) VALUES ($1, $2)
            ON CONFLICT (name) DO UPDATE SET product_count = product_counts.product_count + EXCLUDED.product_count""";

    static final String DELETE_EMPTY_NAME = "DELETE FROM product_counts WHERE name = $1 AND product_count = 0";

    /** True when {@code source} was not applied before: the caller goes on and adds its changes. */
    public Uni<Boolean> recordSource(SqlConnection tx, String source) {
        return tx.preparedQuery(RECORD_SOURCE).execute(Tuple.of(source)).map(rows -> rows.rowCount() == 1);
    }

    /** The recorded sources of the upload's count changes (see {@link UploadCountParts}). */
    public Uni<List<String>> uploadSources(SqlClient client, UUID uploadId) {
        return client.preparedQuery(UPLOAD_SOURCES).execute(Tuple.of(UploadCountParts.sourcePrefix(uploadId)))
                .map(rows -> {
                    List<String> sources = new ArrayList<>();
                    rows.forEach(row -> sources.add(row.getString("source")));
                    return sources;
                });
    }

    /** Adds the upload's deltas of the names in part {@code part} of {@code parts}; yields {names changed, names deleted}. */
    public Uni<long[]> addUploadDeltas(SqlConnection tx, UUID uploadId, int part, int parts) {
        return tx.query(APPLY_MEMORY).execute()
                .chain(() -> tx.query(CREATE_CHANGES).execute())
                .chain(() -> tx.preparedQuery(COLLECT_CHANGES).execute(Tuple.of(uploadId, parts, part)))
                .chain(() -> tx.query(ANALYZE_CHANGES).execute())
                .chain(() -> tx.query(ADD_UPLOAD_CHANGES).execute())
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new long[] {row.getLong("names_changed"), row.getLong("names_deleted")};
                });
    }

    /** Adds {@code delta} to one name's count, deleting its row when it reaches zero; yields whether it was deleted. */
    public Uni<Boolean> addDelta(SqlConnection tx, String name, long delta) {
        return tx.preparedQuery(ADD_DELTA).execute(Tuple.of(name, delta))
                .chain(() -> tx.preparedQuery(DELETE_EMPTY_NAME).execute(Tuple.of(name)))
                .map(deleted -> deleted.rowCount() > 0);
    }
}
