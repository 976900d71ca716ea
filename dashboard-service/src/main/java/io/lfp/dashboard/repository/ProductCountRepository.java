package io.lfp.dashboard.repository;

import io.lfp.dashboard.domain.AggregateItem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

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

    private final Pool pool;

    public ProductCountRepository(Pool pool) {
        this.pool = pool;
    }

    /** The {@code limit} names with most products whose name starts with {@code prefix}. */
    public Uni<List<AggregateItem>> top(String prefix, int limit) {
        return pool.preparedQuery(TOP).execute(Tuple.of(LikePatterns.prefix(prefix), limit))
                .map(rows -> {
                    List<AggregateItem> out = new ArrayList<>(rows.size());
                    rows.forEach(row -> out.add(from(row)));
                    return out;
                });
    }

    public Uni<Long> countNames() {
        return pool.query(COUNT_NAMES).execute().map(rows -> rows.iterator().next().getLong(0));
    }

    static AggregateItem from(Row row) {
        return new AggregateItem(row.getString("name"), row.getLong("product_count"));
    }
}
