package io.lfp.ingest.repository;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.lfp.ingest.domain.Product;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Single-product reads and edits of products. An edit stamps the row with the position
 * (highest upload sequence in ingest_jobs, {@link #EDIT_LINE}): the chunk upsert's guard
 * {@code (src_upload, src_line) < (EXCLUDED.src_upload, EXCLUDED.src_line)} then never lets a row of
 * an upload the worker knew when the edit committed replace it, and lets every later upload replace it.
 */
@ApplicationScoped
public class ProductEditRepository {

    /** src_line of an edited row: after every record of its upload (src_line is bigint). */
    public static final long EDIT_LINE = Long.MAX_VALUE;

    /** First statement of every product API transaction; SET takes no parameters, so the value is formatted. */
    static final String STATEMENT_TIMEOUT = "SET LOCAL statement_timeout = %d";

    static final String FIND = "SELECT sku, name, description, updated_at FROM products WHERE sku = $1";

    /** The product before a change; the row stays locked until the edit commits. */
    static final String LOCK = "SELECT sku, name, description, updated_at FROM products WHERE sku = $1 FOR UPDATE";

    /** Nothing is inserted (no row returned) when the sku exists, also when a concurrent insert commits first. */
    static final String INSERT = """
            INSERT INTO products (sku, name, description, src_upload, src_line)
            SELECT $1, $2, $3, coalesce(max(upload_seq), 0), $4 FROM ingest_jobs
            ON CONFLICT (sku) DO NOTHING
            RETURNING sku, name, description, updated_at""";

    /**
     * GREATEST keeps the position from moving backwards: a row written by an upload whose job is newer
     * than what the subquery saw (a chunk committed while this statement waited for the row lock) keeps
     * that upload's sequence, so the rest of that upload does not overwrite the edit either.
     */
    static final String UPDATE = """
            UPDATE products SET name = $2, description = $3,
                src_upload = GREATEST(src_upload, (SELECT coalesce(max(upload_seq), 0) FROM ingest_jobs)),
                src_line = $4, updated_at = now()
            WHERE sku = $1
            RETURNING sku, name, description, updated_at""";

    static final String DELETE = "DELETE FROM products WHERE sku = $1 RETURNING sku, name, description, updated_at";

    /** Cuts every later statement of the transaction {@code tx} after {@code timeout}. */
    public Uni<Void> limitStatements(SqlClient tx, Duration timeout) {
        return tx.query(STATEMENT_TIMEOUT.formatted(timeout.toMillis())).execute().replaceWithVoid();
    }

    /** The product, or null when no product has the sku. */
    public Uni<Product> find(SqlClient tx, String sku) {
        return tx.preparedQuery(FIND).execute(Tuple.of(sku)).map(ProductEditRepository::firstOrNull);
    }

    /** The product as it is, locking its row in {@code tx}; null when no product has the sku. */
    public Uni<Product> lock(SqlClient tx, String sku) {
        return tx.preparedQuery(LOCK).execute(Tuple.of(sku)).map(ProductEditRepository::firstOrNull);
    }

    /** Inserts the product with an edit's position; null when the sku exists. */
    public Uni<Product> insert(SqlClient tx, String sku, String name, String description) {
        return tx.preparedQuery(INSERT).execute(Tuple.of(sku, name, description, EDIT_LINE))
                .map(ProductEditRepository::firstOrNull);
    }

    /** Replaces name and description and stamps an edit's position; null when no product has the sku. */
    public Uni<Product> update(SqlClient tx, String sku, String name, String description) {
        return tx.preparedQuery(UPDATE).execute(Tuple.of(sku, name, description, EDIT_LINE))
                .map(ProductEditRepository::firstOrNull);
    }

    /** Deletes the product; yields it as it was, or null when no product has the sku. */
    public Uni<Product> delete(SqlClient tx, String sku) {
        return tx.preparedQuery(DELETE).execute(Tuple.of(sku)).map(ProductEditRepository::firstOrNull);
    }

    private static Product firstOrNull(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? from(it.next()) : null;
    }

    static Product from(Row row) {
        return new Product(row.getString("sku"), row.getString("name"), row.getString("description"),
                row.getOffsetDateTime("updated_at").toInstant());
    }
}
