package io.lfp.cli.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.postgresql.PGConnection;

/**
 * What a user could do by hand on the same PostgreSQL, timed step by step: {@code \copy} into an
 * unlogged staging table (here through pgjdbc's CopyManager, the same COPY FROM STDIN psql sends),
 * one set upsert that keeps the last occurrence of each sku, and a full recompute of the counts.
 * Its tables are dropped afterwards — after {@link #differencesFromProducts} has compared them.
 */
final class ByHandBaseline {
    static final String DROP = "DROP TABLE IF EXISTS bench_staging, bench_products, bench_product_counts";
    static final String CREATE_STAGING = """
            CREATE UNLOGGED TABLE bench_staging (name text, sku text COLLATE "C", description text, line bigserial)""";
    static final String COPY = "COPY bench_staging (name, sku, description) FROM STDIN WITH (FORMAT csv, HEADER true)";
    static final String CREATE_PRODUCTS = """
            CREATE TABLE bench_products (sku text COLLATE "C" PRIMARY KEY, name text NOT NULL, description text,
                                         src_line bigint NOT NULL)""";
    static final String UPSERT = """
            INSERT INTO bench_products AS p (sku, name, description, src_line)
            SELECT DISTINCT ON (sku) sku, name, description, line FROM bench_staging ORDER BY sku, line DESC
            ON CONFLICT (sku) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description,
                                            src_line = EXCLUDED.src_line
            WHERE p.src_line < EXCLUDED.src_line""";
    static final String CREATE_COUNTS = """
            CREATE TABLE bench_product_counts (name text COLLATE "C" PRIMARY KEY, product_count bigint NOT NULL)""";
    static final String COUNTS = """
            INSERT INTO bench_product_counts (name, product_count) SELECT name, count(*) FROM bench_products GROUP BY name""";
    /** Rows of {@code products} (but the bench's warm-up products) and of the by-hand result that differ, both ways. */
    static final String DIFFERENCES = """
            SELECT count(*) FROM (
              (SELECT sku, name, description FROM products WHERE sku NOT LIKE 'warm-up-%'
               EXCEPT SELECT sku, name, description FROM bench_products)
              UNION ALL
              (SELECT sku, name, description FROM bench_products
               EXCEPT SELECT sku, name, description FROM products WHERE sku NOT LIKE 'warm-up-%')
            ) d""";

    /** Seconds of each step; {@code products} = rows the upsert wrote. */
    record Result(double copySeconds, double upsertSeconds, double countsSeconds, long stagedRows, long products) {
        double totalSeconds() {
            return copySeconds + upsertSeconds + countsSeconds;
        }
    }

    private ByHandBaseline() {
    }

    static Result run(Connection connection, Path file) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(DROP);
            statement.execute(CREATE_STAGING);
            statement.execute(CREATE_PRODUCTS);
            statement.execute(CREATE_COUNTS);

            long start = System.nanoTime();
            long staged;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                staged = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, in);
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + file, e);
            }
            double copy = seconds(start);

            start = System.nanoTime();
            long products = statement.executeUpdate(UPSERT);
            double upsert = seconds(start);

            start = System.nanoTime();
            statement.executeUpdate(COUNTS);
            double counts = seconds(start);
            return new Result(copy, upsert, counts, staged, products);
        }
    }

    static long differencesFromProducts(Connection connection) throws SQLException {
        return Exactness.single(connection, DIFFERENCES);
    }

    static void drop(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(DROP);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
