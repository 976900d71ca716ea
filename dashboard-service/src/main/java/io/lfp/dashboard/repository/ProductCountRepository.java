package io.lfp.dashboard.repository;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.lfp.dashboard.domain.AggregateItem;
import io.lfp.dashboard.domain.AggregateOrder;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads aggregate-service's {@code product_counts} table; never writes it. */
@ApplicationScoped
public class ProductCountRepository {

    // A name whose products were all renamed may linger with count 0; it is not a name users have.
    static final String TOP = """
            SELECT name, product_count FROM product_counts
            WHERE product_count > 0 AND name LIKE $1
            ORDER BY product_count DESC, name ASC
            LIMIT $2""";
    static final String COUNT_NAMES = "SELECT count(*) FROM product_counts WHERE product_count > 0";
    static final String COUNT_MATCHING_NAMES = "SELECT count(*) FROM product_counts WHERE product_count > 0 AND name LIKE $1";
    static final String FIND_BY_NAME = "SELECT name, product_count FROM product_counts WHERE name = $1 AND product_count > 0";

    // One statement per order of the aggregate table: the ORDER BY is never built from user text.
    static final String PAGE_BY_COUNT_DESC = """
            SELECT name, product_count FROM product_counts
            WHERE product_count > 0 AND name LIKE $1
            ORDER BY product_count DESC, name ASC
            LIMIT $2 OFFSET $3""";
    static final String PAGE_BY_COUNT_ASC = """
            SELECT name, product_count FROM product_counts
            WHERE product_count > 0 AND name LIKE $1
            ORDER BY product_count ASC, name ASC
            LIMIT $2 OFFSET $3""";
    static final String PAGE_BY_NAME_ASC = """
            SELECT name, product_count FROM product_counts
            WHERE product_count > 0 AND name LIKE $1
            ORDER BY name ASC
            LIMIT $2 OFFSET $3""";
    static final String PAGE_BY_NAME_DESC = """
            SELECT name, product_count FROM product_counts
            WHERE product_count > 0 AND name LIKE $1
            ORDER BY name DESC
            LIMIT $2 OFFSET $3""";

    // Keyset pages: the names after the last item of the page before, in each order, without skipping rows.
    static final String AFTER_BY_COUNT_DESC = """
            SELECT name, product_count FROM product_counts
            WHERE product_count > 0 AND name LIKE $1
                AND (product_count < $3 OR (product_count = $3 AND name > $4))
            ORDER BY product_count DESC, name ASC
            LIMIT $2""";
    static final String AFTER_BY_COUNT_ASC = """
            SELECT name, product_count FROM product_counts
            WHERE product_count > 0 AND name LIKE $1 AND (product_count, name) > ($3, $4)
            ORDER BY product_count ASC, name ASC
            LIMIT $2""";
    static final String AFTER_BY_NAME_ASC = """
            SELECT name, product_count FROM product_counts
            WHERE product_count > 0 AND name LIKE $1 AND name > $3
            ORDER BY name ASC
            LIMIT $2""";
    static final String AFTER_BY_NAME_DESC = """
            SELECT name, product_count FROM product_counts
            WHERE product_count > 0 AND name LIKE $1 AND name < $3
            ORDER BY name DESC
            LIMIT $2""";

    private final Pool pool;

    public ProductCountRepository(Pool pool) {
        this.pool = pool;
    }

    /** The {@code limit} names with most products whose name starts with {@code prefix}. */
    public Uni<List<AggregateItem>> top(String prefix, int limit) {
        return pool.preparedQuery(TOP).execute(Tuple.of(LikePatterns.prefix(prefix), limit))
                .map(ProductCountRepository::all);
    }

    /** One page of the names starting with {@code prefix} (all for ""), in {@code order}. */
    public Uni<List<AggregateItem>> page(String prefix, AggregateOrder order, int limit, long offset) {
        String sql = switch (order) {
            case COUNT_DESC -> PAGE_BY_COUNT_DESC;
            case COUNT_ASC -> PAGE_BY_COUNT_ASC;
            case NAME_ASC -> PAGE_BY_NAME_ASC;
            case NAME_DESC -> PAGE_BY_NAME_DESC;
        };
        return pool.preparedQuery(sql).execute(Tuple.of(LikePatterns.prefix(prefix), limit, offset))
                .map(ProductCountRepository::all);
    }

    /** As {@link #page}, the page that follows the item {@code after} (the last of the page before). */
    public Uni<List<AggregateItem>> pageAfter(String prefix, AggregateOrder order, AggregateItem after, int limit) {
        String like = LikePatterns.prefix(prefix);
        Tuple params = switch (order) {
            case COUNT_DESC, COUNT_ASC -> Tuple.of(like, limit, after.count(), after.name());
            case NAME_ASC, NAME_DESC -> Tuple.of(like, limit, after.name());
        };
        String sql = switch (order) {
            case COUNT_DESC -> AFTER_BY_COUNT_DESC;
            case COUNT_ASC -> AFTER_BY_COUNT_ASC;
            case NAME_ASC -> AFTER_BY_NAME_ASC;
            case NAME_DESC -> AFTER_BY_NAME_DESC;
        };
        return pool.preparedQuery(sql).execute(params).map(ProductCountRepository::all);
    }

    public Uni<Long> countNames() {
        return pool.query(COUNT_NAMES).execute().map(ProductCountRepository::single);
    }

    /** Names with products that start with {@code prefix}. */
    public Uni<Long> countNames(String prefix) {
        if (prefix.isEmpty()) {
            return countNames();
        }
        return pool.preparedQuery(COUNT_MATCHING_NAMES).execute(Tuple.of(LikePatterns.prefix(prefix)))
                .map(ProductCountRepository::single);
    }

    /** How many products carry exactly this name, or null when none does. */
    public Uni<AggregateItem> findByName(String name) {
        return pool.preparedQuery(FIND_BY_NAME).execute(Tuple.of(name))
                .map(rows -> rows.iterator().hasNext() ? from(rows.iterator().next()) : null);
    }

    static AggregateItem from(Row row) {
        return new AggregateItem(row.getString("name"), row.getLong("product_count"));
    }

    private static List<AggregateItem> all(RowSet<Row> rows) {
        List<AggregateItem> out = new ArrayList<>(rows.size());
        rows.forEach(row -> out.add(from(row)));
        return out;
    }

    private static long single(RowSet<Row> rows) {
        return rows.iterator().next().getLong(0);
    }
}
