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

/** Reads ingest-worker's {@code products} table; never writes it. */
@ApplicationScoped
public class ProductRepository {

    // sku is COLLATE "C", so a LIKE prefix on it can use the primary key index.
    static final String SEARCH = """
            SELECT sku, name, description FROM products
            WHERE sku LIKE $1 OR name LIKE $1
            ORDER BY sku
            LIMIT $2 OFFSET $3""";
    /** A deep page by keyset: the products after the last sku of the page before, without skipping rows. */
    static final String SEARCH_AFTER = """
            SELECT sku, name, description FROM products
            WHERE (sku LIKE $1 OR name LIKE $1) AND sku > $3
            ORDER BY sku
            LIMIT $2""";
    static final String COUNT_MATCHES = "SELECT count(*) FROM products WHERE sku LIKE $1 OR name LIKE $1";
    static final String COUNT_ALL = "SELECT count(*) FROM products";
    static final String FIND_BY_SKU = "SELECT sku, name, description FROM products WHERE sku = $1";

    private final Pool pool;

    public ProductRepository(Pool pool) {
        this.pool = pool;
    }

    /** Products whose sku or name starts with {@code prefix} (all for ""), ordered by sku. */
    public Uni<List<ProductView>> search(String prefix, int limit, long offset) {
        return pool.preparedQuery(SEARCH).execute(Tuple.of(LikePatterns.prefix(prefix), limit, offset))
                .map(ProductRepository::all);
    }

    /** As {@link #search}, the page that follows the product {@code afterSku}. */
    public Uni<List<ProductView>> searchAfter(String prefix, String afterSku, int limit) {
        return pool.preparedQuery(SEARCH_AFTER).execute(Tuple.of(LikePatterns.prefix(prefix), limit, afterSku))
                .map(ProductRepository::all);
    }

    public Uni<Long> countMatches(String prefix) {
        Uni<RowSet<Row>> rows = prefix.isEmpty()
                ? pool.query(COUNT_ALL).execute()
                : pool.preparedQuery(COUNT_MATCHES).execute(Tuple.of(LikePatterns.prefix(prefix)));
        return rows.map(r -> r.iterator().next().getLong(0));
    }

    public Uni<Long> countAll() {
        return countMatches("");
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
