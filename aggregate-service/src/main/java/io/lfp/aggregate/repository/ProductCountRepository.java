package io.lfp.aggregate.repository;

import java.util.ArrayList;
import java.util.List;

import io.lfp.aggregate.domain.AggregateSummary;
import io.lfp.aggregate.domain.NameCount;
import io.lfp.aggregate.domain.Reconciled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * product_counts (owned here) and the read of products (owned by ingest-worker, never written here).
 */
@ApplicationScoped
public class ProductCountRepository {

    /** Held until the transaction ends, so concurrent reconciles (any instance) run one after another. */
    static final String LOCK_RECONCILE = "SELECT pg_advisory_xact_lock($1)";

    /*
     * The recompute goes through a temporary table of fresh counts and then touches only what
     * differs: deletes vanished names, updates changed counts, inserts new names. Against
     * hash joins on the fresh counts this is several times faster than one INSERT … ON CONFLICT
     * plus a NOT EXISTS probe of products per name (measured 2.8–4.5 s at 500k products, 240k
     * names), and a reconcile that changes nothing still writes nothing.
     * products.name has the database's default collation, product_counts.name has "C": the explicit
     * COLLATE keeps grouping and comparison byte-wise.
     */
    static final String FRESH_COUNTS = """
            CREATE TEMP TABLE fresh_counts ON COMMIT DROP AS
            SELECT name COLLATE "C" AS name, count(*) AS product_count FROM products GROUP BY 1""";

    /* Without statistics the planner would guess the temporary table tiny and probe it row by row. */
    static final String ANALYZE_FRESH_COUNTS = "ANALYZE fresh_counts";

    static final String DELETE_GONE_NAMES = """
            DELETE FROM product_counts pc
            WHERE NOT EXISTS (SELECT 1 FROM fresh_counts f WHERE f.name = pc.name)""";

    static final String UPDATE_CHANGED_COUNTS = """
            UPDATE product_counts pc SET product_count = f.product_count
            FROM fresh_counts f
            WHERE f.name = pc.name AND pc.product_count <> f.product_count""";

    static final String INSERT_NEW_NAMES = """
            INSERT INTO product_counts (name, product_count)
            SELECT f.name, f.product_count FROM fresh_counts f
            WHERE NOT EXISTS (SELECT 1 FROM product_counts pc WHERE pc.name = f.name)""";

    /* clock_timestamp(), not now(): now() is the transaction's start, before the recompute ran. */
    static final String TOTALS = """
            SELECT coalesce(sum(product_count), 0)::bigint AS products, count(*) AS names,
                   clock_timestamp() AS changed_at
            FROM product_counts""";

    /* One statement, so the items and the totals come from the same snapshot. */
    static final String TOP_WITH_TOTALS = """
            WITH totals AS (
                SELECT coalesce(sum(product_count), 0)::bigint AS products, count(*) AS names FROM product_counts
            ), top AS (
                SELECT name, product_count FROM product_counts ORDER BY product_count DESC, name LIMIT $1
            )
            SELECT t.products, t.names, top.name, top.product_count
            FROM totals t LEFT JOIN top ON true
            ORDER BY top.product_count DESC, top.name""";

    static final String FIND_BY_NAME = "SELECT name, product_count FROM product_counts WHERE name = $1";

    private final Pool pool;

    public ProductCountRepository(Pool pool) {
        this.pool = pool;
    }

    /** Takes the reconcile lock inside the transaction of {@code conn}; waits while another holds it. */
    public Uni<Void> lockReconcile(SqlConnection conn, long lockKey) {
        return conn.preparedQuery(LOCK_RECONCILE).execute(Tuple.of(lockKey)).replaceWithVoid();
    }

    /**
     * Makes product_counts equal {@code SELECT name, count(*) FROM products GROUP BY name}: a full
     * recompute, writing only the names whose count differs. Must run inside a transaction holding the reconcile
     * lock. The only place that decides what to recompute, so narrowing it to the names a job
     * touched changes this method alone.
     */
    public Uni<Reconciled> recompute(SqlConnection conn) {
        return conn.query(FRESH_COUNTS).execute()
                .chain(() -> conn.query(ANALYZE_FRESH_COUNTS).execute())
                .chain(() -> conn.query(DELETE_GONE_NAMES).execute())
                .chain(deleted -> conn.query(UPDATE_CHANGED_COUNTS).execute()
                        .chain(updated -> conn.query(INSERT_NEW_NAMES).execute()
                                .chain(inserted -> conn.preparedQuery(TOTALS).execute()
                                        .map(totals -> {
                                            Row row = totals.iterator().next();
                                            return new Reconciled(row.getLong("products"), row.getLong("names"),
                                                    row.getOffsetDateTime("changed_at").toInstant(),
                                                    updated.rowCount() + inserted.rowCount(), deleted.rowCount());
                                        }))));
    }

    /** The {@code limit} names with most products, and the totals. */
    public Uni<AggregateSummary> top(int limit) {
        return pool.preparedQuery(TOP_WITH_TOTALS).execute(Tuple.of(limit)).map(ProductCountRepository::summary);
    }

    /** The count of one name, or null when no product has it. */
    public Uni<NameCount> find(String name) {
        return pool.preparedQuery(FIND_BY_NAME).execute(Tuple.of(name))
                .map(rows -> rows.rowCount() == 0 ? null : from(rows.iterator().next()));
    }

    static NameCount from(Row row) {
        return new NameCount(row.getString("name"), row.getLong("product_count"));
    }

    private static AggregateSummary summary(RowSet<Row> rows) {
        List<NameCount> items = new ArrayList<>();
        long products = 0;
        long names = 0;
        for (Row row : rows) {
            products = row.getLong("products");
            names = row.getLong("names");
            // The LEFT JOIN yields one row with a null name when product_counts is empty.
            if (row.getString("name") != null) {
                items.add(from(row));
            }
        }
        return new AggregateSummary(List.copyOf(items), products, names);
    }
}
