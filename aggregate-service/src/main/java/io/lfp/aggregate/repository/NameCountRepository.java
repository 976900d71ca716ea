package io.lfp.aggregate.repository;

import java.util.List;

import io.lfp.aggregate.domain.Reconciled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Recounts single names of product_counts from products (owned by ingest-worker, only read here):
 * the narrow counterpart of {@link ProductCountRepository#recompute} for a single-product edit.
 */
@ApplicationScoped
public class NameCountRepository {

    /* COLLATE "C": byte-wise like product_counts.name, and served by products_name_idx (name COLLATE "C"). */
    static final String COUNT_PRODUCTS_WITH_NAME = """
            SELECT count(*) AS product_count FROM products WHERE name COLLATE "C" = $1""";

    /* Writes nothing when the count is already right, so a repeated recount rewrites no row. */
    static final String SET_COUNT = """
            INSERT INTO product_counts (name, product_count) VALUES ($1, $2)
            ON CONFLICT (name) DO UPDATE SET product_count = EXCLUDED.product_count
            WHERE product_counts.product_count <> EXCLUDED.product_count""";

    static final String DELETE_NAME = "DELETE FROM product_counts WHERE name = $1";

    /**
     * Sets each name's row to its exact count in products, deleting it when no product has the name,
     * then reads the totals. Must run inside a transaction holding the reconcile lock
     * ({@link ProductCountRepository#lockReconcile}), like the full recompute.
     */
    public Uni<Reconciled> recount(SqlConnection conn, List<String> names) {
        Uni<long[]> changed = Uni.createFrom().item(new long[2]); // {updated, deleted}
        for (String name : names) {
            changed = changed.call(counters -> recountOne(conn, name).invoke(result -> {
                if (result > 0) {
                    counters[0]++;
                } else if (result < 0) {
                    counters[1]++;
                }
            }));
        }
        return changed.chain(counters -> conn.preparedQuery(ProductCountRepository.TOTALS).execute().map(totals -> {
            Row row = totals.iterator().next();
            return new Reconciled(row.getLong("products"), row.getLong("names"),
                    row.getOffsetDateTime("changed_at").toInstant(), counters[0], counters[1]);
        }));
    }

    /** 1 when the name's row was inserted or changed, -1 when it was deleted, 0 when it was right already. */
    private Uni<Integer> recountOne(SqlConnection conn, String name) {
        return conn.preparedQuery(COUNT_PRODUCTS_WITH_NAME).execute(Tuple.of(name))
                .map(rows -> rows.iterator().next().getLong("product_count"))
                .chain(count -> count == 0
                        ? conn.preparedQuery(DELETE_NAME).execute(Tuple.of(name)).map(rows -> -rows.rowCount())
                        : conn.preparedQuery(SET_COUNT).execute(Tuple.of(name, count)).map(rows -> rows.rowCount()));
    }
}
