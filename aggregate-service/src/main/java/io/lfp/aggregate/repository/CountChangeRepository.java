package io.lfp.aggregate.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lfp.aggregate.domain.UploadCountParts;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

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
     * were there, and probed product_counts' index once per name in nested loops. With the real number it
     * joins by hash for a large upload and still probes the index for a small one
     * (docs/decisions/0010-count-deltas.md).
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
     * Names whose count this part brings to zero: no product carries them any more, the MERGE below
     * deletes them. Counted first because MERGE only reports how many rows it touched in all (and has no
     * RETURNING before PostgreSQL 17); only a negative change can reach zero, so a first upload's part
     * scans its changes without probing product_counts.
     */
    static final String COUNT_EMPTIED = """
            SELECT count(*) FROM upload_count_changes c JOIN product_counts pc ON pc.name = c.name
            WHERE c.delta < 0 AND pc.product_count + c.delta = 0""";

    /*
     * In one pass over the part's changes: names whose count reaches zero are deleted, the other known
     * names updated, new names inserted. Only the names of one part ({@link UploadCountParts}) are added,
     * so no other transaction inserts one of them meanwhile: every other writer of these names waits (an
     * edit holds the counts lock exclusive, the same part of another upload the part's lock) and the
     * other parts run in parallel on disjoint names. A count may go below zero for a while when a later
     * upload's changes (it replaced rows of an earlier one) are added before the earlier upload's; it is
     * exact again once both are in. MERGE joins the changes to product_counts once, where separate
     * DELETE/UPDATE/INSERT statements would join them three times (docs/decisions/0010-count-deltas.md).
     */
    static final String MERGE_UPLOAD_CHANGES = """
            MERGE INTO product_counts pc USING upload_count_changes c ON pc.name = c.name
            WHEN MATCHED AND pc.product_count + c.delta = 0 THEN DELETE
            WHEN MATCHED THEN UPDATE SET product_count = pc.product_count + c.delta
            WHEN NOT MATCHED AND c.delta <> 0 THEN INSERT (name, product_count) VALUES (c.name, c.delta)""";

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
                .chain(() -> tx.query(COUNT_EMPTIED).execute())
                .map(rows -> rows.iterator().next().getLong(0))
                .chain(emptied -> tx.query(MERGE_UPLOAD_CHANGES).execute()
                        .map(merged -> new long[] { merged.rowCount() - emptied, emptied }));
    }

    /** Adds {@code delta} to one name's count, deleting its row when it reaches zero; yields whether it was deleted. */
    public Uni<Boolean> addDelta(SqlConnection tx, String name, long delta) {
        return tx.preparedQuery(ADD_DELTA).execute(Tuple.of(name, delta))
                .chain(() -> tx.preparedQuery(DELETE_EMPTY_NAME).execute(Tuple.of(name)))
                .map(deleted -> deleted.rowCount() > 0);
    }
}
