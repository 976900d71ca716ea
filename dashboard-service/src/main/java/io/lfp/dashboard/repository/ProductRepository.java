package io.lfp.dashboard.repository;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.lfp.dashboard.domain.ProductView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads ingest-worker's {@code products} table; never writes it. Every statement reads an index range: the sku
 * primary key (COLLATE "C") or {@code products_name_idx} on {@code (name COLLATE "C")} (ingest-worker's V8
 * migration; ties of one name are sorted by sku, a few rows), so no request scans the table. A search for q lists the products
 * whose sku starts with q, by
 * sku, then those whose name starts with q (and sku does not), by name then sku: each part is one index range in
 * its order, where one order by sku over both would sort every name match.
 */
@ApplicationScoped
public class ProductRepository {

    /** Both parts of a search, each read in its index's order, at most $3 rows from each. */
    private static final String BOTH_PARTS = """
            (SELECT 0 AS part, sku AS k, sku, name, description FROM products
             WHERE sku >= $1 AND sku < $2 AND sku > $4
             ORDER BY sku LIMIT $3)
            UNION ALL
            (SELECT 1, name COLLATE "C", sku, name, description FROM products
             WHERE name COLLATE "C" >= $1 AND name COLLATE "C" < $2 AND NOT (sku >= $1 AND sku < $2)
             ORDER BY name COLLATE "C", sku LIMIT $3)""";

    /** $1..$2 the prefix range, $3 offset + limit, $4 "" (no sku before), $5 limit, $6 offset. */
    static final String SEARCH = "SELECT sku, name, description FROM (" + BOTH_PARTS
            + ") m ORDER BY part, k, sku LIMIT $5 OFFSET $6";
    /** The page after a product of the sku part ($4): the rest of that part, then the name part. */
    static final String SEARCH_AFTER_SKU = "SELECT sku, name, description FROM (" + BOTH_PARTS
            + ") m ORDER BY part, k, sku LIMIT $3";
    /** The page after a product of the name part ($4): its name is read by its sku, a primary key lookup. */
    static final String SEARCH_AFTER_NAME = """
            SELECT sku, name, description FROM products
            WHERE name COLLATE "C" >= $1 AND name COLLATE "C" < $2 AND NOT (sku >= $1 AND sku < $2)
                AND (name COLLATE "C", sku) > ((SELECT a.name FROM products a WHERE a.sku = $4) COLLATE "C", $4)
            ORDER BY name COLLATE "C", sku
            LIMIT $3""";
    static final String ALL = "SELECT sku, name, description FROM products ORDER BY sku LIMIT $1 OFFSET $2";
    static final String ALL_AFTER = "SELECT sku, name, description FROM products WHERE sku > $2 ORDER BY sku LIMIT $1";

    /** Matches counted up to a limit ($3 from each part): a count never reads more rows than that. */
    static final String COUNT_MATCHES = """
            SELECT count(*) FROM (
                (SELECT 1 FROM products WHERE sku >= $1 AND sku < $2 LIMIT $3)
                UNION ALL
                (SELECT 1 FROM products
                 WHERE name COLLATE "C" >= $1 AND name COLLATE "C" < $2 AND NOT (sku >= $1 AND sku < $2)
                 LIMIT $3)
            ) m""";
    static final String COUNT_SOME = "SELECT count(*) FROM (SELECT 1 FROM products ORDER BY sku LIMIT $1) m";
    /** Every product: for the summary only, which events keep in Redis (decision record 0009). */
    static final String COUNT_ALL = "SELECT count(*) FROM products";
    static final String FIND_BY_SKU = "SELECT sku, name, description FROM products WHERE sku = $1";

    private final Pool pool;

    public ProductRepository(Pool pool) {
        this.pool = pool;
    }

    /** Products whose sku starts with {@code prefix}, then those whose name does (all by sku for ""). */
    public Uni<List<ProductView>> search(String prefix, int limit, long offset) {
        if (prefix.isEmpty()) {
            return pool.preparedQuery(ALL).execute(Tuple.of(limit, offset)).map(ProductRepository::all);
        }
        PrefixRange range = PrefixRange.of(prefix);
        return pool.preparedQuery(SEARCH)
                .execute(Tuple.of(range.from(), range.to(), offset + limit, "", limit, offset))
                .map(ProductRepository::all);
    }

    /** As {@link #search}, the page that follows the product {@code afterSku} (the last of the page before). */
    public Uni<List<ProductView>> searchAfter(String prefix, String afterSku, int limit) {
        if (prefix.isEmpty()) {
            return pool.preparedQuery(ALL_AFTER).execute(Tuple.of(limit, afterSku)).map(ProductRepository::all);
        }
        PrefixRange range = PrefixRange.of(prefix);
        String sql = afterSku.startsWith(prefix) ? SEARCH_AFTER_SKU : SEARCH_AFTER_NAME;
        return pool.preparedQuery(sql).execute(Tuple.of(range.from(), range.to(), limit, afterSku))
                .map(ProductRepository::all);
    }

    /** The number of matches of {@link #search}, counted up to {@code limit + 1}: more than limit means "more". */
    public Uni<Long> countMatches(String prefix, int limit) {
        Uni<RowSet<Row>> rows;
        if (prefix.isEmpty()) {
            rows = pool.preparedQuery(COUNT_SOME).execute(Tuple.of(limit + 1));
        } else {
            PrefixRange range = PrefixRange.of(prefix);
            rows = pool.preparedQuery(COUNT_MATCHES).execute(Tuple.of(range.from(), range.to(), limit + 1));
        }
        return rows.map(r -> Math.min(r.iterator().next().getLong(0), limit + 1L));
    }

    public Uni<Long> countAll() {
        return pool.query(COUNT_ALL).execute().map(r -> r.iterator().next().getLong(0));
    }

    /** The product, or null. */
    public Uni<ProductView> findBySku(String sku) {
        return pool.preparedQuery(FIND_BY_SKU).execute(Tuple.of(sku))
                .map(rows -> rows.iterator().hasNext() ? from(rows.iterator().next()) : null);
    }

    static ProductView from(Row row) {
        return new ProductView(row.getString("sku"), row.getString("name"), row.getString("description"));
    }

    private static List<ProductView> all(RowSet<Row> rows) {
        List<ProductView> out = new ArrayList<>(rows.size());
        rows.forEach(row -> out.add(from(row)));
        return out;
    }
}
