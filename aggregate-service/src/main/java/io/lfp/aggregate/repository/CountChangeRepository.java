package io.lfp.aggregate.repository;

import java.util.UUID;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Adds count changes to product_counts (owned here), each exactly once (applied_count_changes, owned
 * here). An upload's changes are read from ingest-worker's name_count_deltas (only read here).
 * Every method runs inside the caller's transaction, which holds the counts lock
 * ({@link ProductCountRepository#lockCounts}).
 */
@ApplicationScoped
public class CountChangeRepository {

    /* Blocks on the primary key while another transaction records the same source, then inserts nothing. */
    static final String RECORD_SOURCE = """
            INSERT INTO applied_count_changes (source) VALUES ($1) ON CONFLICT (source) DO NOTHING""";

    /*
     * A merge bucket holds a name at most once, but a name spans buckets: sum them. Then names already
     * counted are updated and new names inserted: cheaper than INSERT … ON CONFLICT for the many new
     * names of a large upload, and safe because writers of product_counts hold the counts lock. A count
     * may go below zero for a while when a later upload's changes (it replaced rows of an earlier one)
     * are added before the earlier upload's; it is exact again once both are in.
     */
    static final String ADD_UPLOAD_DELTAS = """
            WITH changes AS (
                SELECT name, sum(delta) AS delta FROM name_count_deltas WHERE upload_id = $1 GROUP BY name
            ), updated AS (
                UPDATE product_counts pc SET product_count = pc.product_count + c.delta
                FROM changes c WHERE pc.name = c.name
                RETURNING pc.name
            ), inserted AS (
                INSERT INTO product_counts (name, product_count)
                SELECT c.name, c.delta FROM changes c WHERE NOT EXISTS (SELECT 1 FROM updated u WHERE u.name = c.name)
                RETURNING name
            )
            SELECT (SELECT count(*) FROM updated) + (SELECT count(*) FROM inserted) AS names_changed""";

    /* The per-name sums of a large upload's changes fit in memory instead of spilling (4 MB default). */
    static final String APPLY_MEMORY = "SET LOCAL work_mem = '64MB'";

    /* The upload's names whose count reached zero: no product carries them any more. */
    static final String DELETE_EMPTY_UPLOAD_NAMES = """
            DELETE FROM product_counts pc
            USING (SELECT DISTINCT name FROM name_count_deltas WHERE upload_id = $1) c
            WHERE pc.name = c.name AND pc.product_count = 0""";

    static final String ADD_DELTA = """
            INSERT INTO product_counts (name, product_count) VALUES ($1, $2)
            ON CONFLICT (name) DO UPDATE SET product_count = product_counts.product_count + EXCLUDED.product_count""";

    static final String DELETE_EMPTY_NAME = "DELETE FROM product_counts WHERE name = $1 AND product_count = 0";

    /** True when {@code source} was not applied before: the caller goes on and adds its changes. */
    public Uni<Boolean> recordSource(SqlConnection tx, String source) {
        return tx.preparedQuery(RECORD_SOURCE).execute(Tuple.of(source)).map(rows -> rows.rowCount() == 1);
    }

    /** Adds the upload's deltas; yields {names changed, names deleted}. */
    public Uni<long[]> addUploadDeltas(SqlConnection tx, UUID uploadId) {
        return tx.query(APPLY_MEMORY).execute()
                .chain(() -> tx.preparedQuery(ADD_UPLOAD_DELTAS).execute(Tuple.of(uploadId)))
                .map(rows -> rows.iterator().next().getLong("names_changed"))
                .chain(changed -> tx.preparedQuery(DELETE_EMPTY_UPLOAD_NAMES).execute(Tuple.of(uploadId))
                        .map(deleted -> new long[] {changed, deleted.rowCount()}));
    }

    /** Adds {@code delta} to one name's count, deleting its row when it reaches zero; yields whether it was deleted. */
    public Uni<Boolean> addDelta(SqlConnection tx, String name, long delta) {
        return tx.preparedQuery(ADD_DELTA).execute(Tuple.of(name, delta))
                .chain(() -> tx.preparedQuery(DELETE_EMPTY_NAME).execute(Tuple.of(name)))
                .map(deleted -> deleted.rowCount() > 0);
    }
}
