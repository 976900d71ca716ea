package io.lfp.aggregate.repository;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.lfp.aggregate.domain.AggregateSummary;
import io.lfp.aggregate.domain.CountsApplied;
import io.lfp.aggregate.domain.NameCount;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * product_counts (owned here): the lock of its writers, its totals, the top names and single names.
 */
@ApplicationScoped
public class ProductCountRepository {

    /**
     * Held until the transaction ends, so count changes (from any instance) are added one after another.
     * A part of an upload's changes holds it shared, with its part's own lock exclusive: parts on other
     * names run at the same time; everything else (an edit) waits for them and they for it.
     */
    static final String LOCK_COUNTS = "SELECT pg_advisory_xact_lock($1)";

    static final String LOCK_UPLOAD_PART = "SELECT pg_advisory_xact_lock_shared($1), pg_advisory_xact_lock($1 + 1 + $2)";

    /* clock_timestamp(), not now(): now() is the transaction's start, before the changes were added. */
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

    /** Takes the counts lock inside the transaction of {@code conn}; waits while another holds it. */
    public Uni<Void> lockCounts(SqlConnection conn, long lockKey) {
        return conn.preparedQuery(LOCK_COUNTS).execute(Tuple.of(lockKey)).replaceWithVoid();
    }

    /**
     * Takes the counts lock shared and the lock of names part {@code part} (key + 1 + part) exclusive,
     * inside the transaction of {@code conn}.
     */
    public Uni<Void> lockUploadPart(SqlConnection conn, long lockKey, int part) {
        return conn.preparedQuery(LOCK_UPLOAD_PART).execute(Tuple.of(lockKey, part)).replaceWithVoid();
    }

    /** The totals as the transaction of {@code conn} sees them, with the database clock. */
    public Uni<CountsApplied> totals(SqlClient conn, long namesChanged, long namesDeleted, boolean alreadyApplied) {
        return conn.preparedQuery(TOTALS).execute().map(rows -> {
            Row row = rows.iterator().next();
            return new CountsApplied(row.getLong("products"), row.getLong("names"),
                    row.getOffsetDateTime("changed_at").toInstant(), namesChanged, namesDeleted, alreadyApplied);
        });
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
