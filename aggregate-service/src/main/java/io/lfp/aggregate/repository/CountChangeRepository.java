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
     * A merge bucket holds a name at most once, but a name spans buckets: sum them. ORDER BY name
     * writes product_counts rows in one order in every transaction. A count may go below zero for a
     * while when a later upload's changes (it replaced rows of an earlier one) are added before the
     * earlier upload's; it is exact again once both are in.
     */
    static final String ADD_UPLOAD_DELTAS = """
            INSERT INTO product_counts (name, product_count)
            SELECT name, sum(delta) FROM name_count_deltas WHERE upload_id = $1 GROUP BY name ORDER BY name
            ON CONFLICT (name) DO UPDATE SET product_count = product_counts.product_count + EXCLUDED.product_count""";

    static final String ADD_DELTA = """
            INSERT INTO product_counts (name, product_count) VALUES ($1, $2)
            ON CONFLICT (name) DO UPDATE SET product_count = product_counts.product_count + EXCLUDED.product_count""";

    /* A name no product carries any more; served by product_counts_top_idx (product_count DESC, name). */
    static final String DELETE_EMPTY_NAMES = "DELETE FROM product_counts WHERE product_count = 0";

    /** True when {@code source} was not applied before: the caller goes on and adds its changes. */
    public Uni<Boolean> recordSource(SqlConnection tx, String source) {
        return tx.preparedQuery(RECORD_SOURCE).execute(Tuple.of(source)).map(rows -> rows.rowCount() == 1);
    }

    /** Adds the upload's deltas; yields the number of names changed. */
    public Uni<Integer> addUploadDeltas(SqlConnection tx, UUID uploadId) {
        return tx.preparedQuery(ADD_UPLOAD_DELTAS).execute(Tuple.of(uploadId)).map(rows -> rows.rowCount());
    }

    public Uni<Void> addDelta(SqlConnection tx, String name, long delta) {
        return tx.preparedQuery(ADD_DELTA).execute(Tuple.of(name, delta)).replaceWithVoid();
    }

    /** Deletes the names whose count reached zero; yields how many. */
    public Uni<Integer> deleteEmptyNames(SqlConnection tx) {
        return tx.preparedQuery(DELETE_EMPTY_NAMES).execute().map(rows -> rows.rowCount());
    }
}
