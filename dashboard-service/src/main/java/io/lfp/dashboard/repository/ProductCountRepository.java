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

/**
 * Reads aggregate-service's {@code product_counts} table; never writes it. Every statement but the summary's
 * total reads an index range: the name primary key (COLLATE "C") for name orders, lookups and name prefixes,
 * {@code product_counts_top_idx} on {@code (product_count DESC, name)} (aggregate-service's V4 migration) for the
 * count orders. Each statement comes in two forms: for all names, and for the names starting with a prefix
 * ({@link PrefixRange}, parameters $1 and $2, the others numbered after them).
 */
@ApplicationScoped
public class ProductCountRepository {

    // A name whose products were all renamed may linger with count 0; it is not a name users have.
    private static final String NAMES = "SELECT name, product_count FROM product_counts WHERE product_count > 0";

    static final Forms TOP = forms(NAMES + "{range} ORDER BY product_count DESC, name LIMIT {1}");

    // One statement per order of the aggregate table: the ORDER BY is never built from user text.
    static final Forms PAGE_BY_COUNT_DESC = forms(
            NAMES + "{range} ORDER BY product_count DESC, name LIMIT {1} OFFSET {2}");
    // Fewest first is the exact reverse of most first (ties by name descending): the top index read backwards.
    static final Forms PAGE_BY_COUNT_ASC = forms(
            NAMES + "{range} ORDER BY product_count, name DESC LIMIT {1} OFFSET {2}");
    static final Forms PAGE_BY_NAME_ASC = forms(NAMES + "{range} ORDER BY name LIMIT {1} OFFSET {2}");
    static final Forms PAGE_BY_NAME_DESC = forms(NAMES + "{range} ORDER BY name DESC LIMIT {1} OFFSET {2}");

    // Keyset pages: the names after the last item ({2} its count, {3} its name) of the page before, without
    // skipping rows. In a count order, the rest of that item's count by name, then the next counts: two index
    // ranges, where one "(count, name) after" condition could not follow the index's mixed directions.
    static final Forms AFTER_BY_COUNT_DESC = forms("SELECT name, product_count FROM ((" + NAMES
            + " AND product_count = {2} AND name > {3}{range} ORDER BY name LIMIT {1}) UNION ALL (" + NAMES
            + " AND product_count < {2}{range} ORDER BY product_count DESC, name LIMIT {1})) a"
            + " ORDER BY product_count DESC, name LIMIT {1}");
    static final Forms AFTER_BY_COUNT_ASC = forms("SELECT name, product_count FROM ((" + NAMES
            + " AND product_count = {2} AND name < {3}{range} ORDER BY name DESC LIMIT {1}) UNION ALL (" + NAMES
            + " AND product_count > {2}{range} ORDER BY product_count, name DESC LIMIT {1})) a"
            + " ORDER BY product_count, name DESC LIMIT {1}");
    static final Forms AFTER_BY_NAME_ASC = forms(NAMES + "{range} AND name > {2} ORDER BY name LIMIT {1}");
    static final Forms AFTER_BY_NAME_DESC = forms(NAMES + "{range} AND name < {2} ORDER BY name DESC LIMIT {1}");

    /** Names counted up to a limit: a count never reads more index entries than that. */
    static final Forms COUNT_SOME = forms(
            "SELECT count(*) FROM (SELECT 1 FROM product_counts WHERE product_count > 0{range} ORDER BY name LIMIT {1}) c");
    /** Every name: for the summary only, which events keep in Redis (decision record 0009). */
    static final String COUNT_NAMES = "SELECT count(*) FROM product_counts WHERE product_count > 0";
    static final String FIND_BY_NAME = "SELECT name, product_count FROM product_counts WHERE name = $1 AND product_count > 0";

    private final Pool pool;

    public ProductCountRepository(Pool pool) {
        this.pool = pool;
    }

    /** The {@code limit} names with most products whose name starts with {@code prefix} (all for ""). */
    public Uni<List<AggregateItem>> top(String prefix, int limit) {
        return run(TOP, prefix, limit);
    }

    /** One page of the names starting with {@code prefix} (all for ""), in {@code order}. */
    public Uni<List<AggregateItem>> page(String prefix, AggregateOrder order, int limit, long offset) {
        Forms sql = switch (order) {
            case COUNT_DESC -> PAGE_BY_COUNT_DESC;
            case COUNT_ASC -> PAGE_BY_COUNT_ASC;
            case NAME_ASC -> PAGE_BY_NAME_ASC;
            case NAME_DESC -> PAGE_BY_NAME_DESC;
        };
        return run(sql, prefix, limit, offset);
    }

    /** As {@link #page}, the page that follows the item {@code after} (the last of the page before). */
    public Uni<List<AggregateItem>> pageAfter(String prefix, AggregateOrder order, AggregateItem after, int limit) {
        return switch (order) {
            case COUNT_DESC -> run(AFTER_BY_COUNT_DESC, prefix, limit, after.count(), after.name());
            case COUNT_ASC -> run(AFTER_BY_COUNT_ASC, prefix, limit, after.count(), after.name());
            case NAME_ASC -> run(AFTER_BY_NAME_ASC, prefix, limit, after.name());
            case NAME_DESC -> run(AFTER_BY_NAME_DESC, prefix, limit, after.name());
        };
    }

    /** All names with products: a scan, for the event-maintained summary. */
    public Uni<Long> countNames() {
        return pool.query(COUNT_NAMES).execute().map(ProductCountRepository::single);
    }

    /** Names with products that start with {@code prefix}, counted up to {@code limit + 1}. */
    public Uni<Long> countNames(String prefix, int limit) {
        return params(COUNT_SOME, prefix, limit + 1).map(ProductCountRepository::single);
    }

    /** How many products carry exactly this name, or null when none does. */
    public Uni<AggregateItem> findByName(String name) {
        return pool.preparedQuery(FIND_BY_NAME).execute(Tuple.of(name))
                .map(rows -> rows.iterator().hasNext() ? from(rows.iterator().next()) : null);
    }

    static AggregateItem from(Row row) {
        return new AggregateItem(row.getString("name"), row.getLong("product_count"));
    }

    private Uni<List<AggregateItem>> run(Forms sql, String prefix, Object... params) {
        return params(sql, prefix, params).map(ProductCountRepository::all);
    }

    private Uni<RowSet<Row>> params(Forms sql, String prefix, Object... params) {
        if (prefix.isEmpty()) {
            return pool.preparedQuery(sql.all()).execute(Tuple.from(List.of(params)));
        }
        PrefixRange range = PrefixRange.of(prefix);
        List<Object> all = new ArrayList<>(params.length + 2);
        all.add(range.from());
        all.add(range.to());
        all.addAll(List.of(params));
        return pool.preparedQuery(sql.prefixed()).execute(Tuple.from(all));
    }

    /** A statement for all names, and the same for the names in the prefix range $1..$2. */
    record Forms(String all, String prefixed) {
    }

    /** {range} becomes the prefix condition or nothing, {n} the n-th parameter after the range's. */
    static Forms forms(String template) {
        String all = template.replace("{range}", "");
        String prefixed = template.replace("{range}", " AND name >= $1 AND name < $2");
        for (int n = 9; n >= 1; n--) {
            all = all.replace("{" + n + "}", "$" + n);
            prefixed = prefixed.replace("{" + n + "}", "$" + (n + 2));
        }
        return new Forms(all, prefixed);
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
