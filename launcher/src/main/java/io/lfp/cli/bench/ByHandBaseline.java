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
 * Its tables are dropped afterwards — after {@link #differencesFromProducts} has compared them. The file is
 * streamed to COPY, so the bench holds none of it in memory at any size.
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
    static final String DROP_STAGING = "DROP TABLE bench_staging";
    /**
     * Row count and order-independent content fingerprint ({@link Exactness#CONTENT_FINGERPRINT}) of
     * {@code products} but the warm file's: two sequential scans in PostgreSQL, no sort, nothing to the bench.
     */
    static final String PRODUCTS_SUMMARY = """
            SELECT count(*) || ' ' || coalesce(sum(hashtextextended(sku || E'\\x1f' || name || E'\\x1f'
                   || coalesce(description, ''), 0)::numeric), 0)
            FROM products WHERE sku NOT LIKE '%s%%'""".formatted(Benchmark.WARM_SKU_PREFIX);
    static final String BY_HAND_SUMMARY = """
            SELECT count(*) || ' ' || coalesce(sum(hashtextextended(sku || E'\\x1f' || name || E'\\x1f'
                   || coalesce(description, ''), 0)::numeric), 0)
            FROM bench_products""";
    /**
     * Rows of {@code products} (but the warm file's) and of the by-hand result that differ, both ways. It sorts
     * both sides, so it only runs when the summaries differ: to say by how much.
     */
    static final String DIFFERENCES = """
            SELECT count(*) FROM (
              (SELECT sku, name, description FROM products WHERE sku NOT LIKE '%1$s%%'
               EXCEPT SELECT sku, name, description FROM bench_products)
              UNION ALL
              (SELECT sku, name, description FROM bench_products
               EXCEPT SELECT sku, name, description FROM products WHERE sku NOT LIKE '%1$s%%')
            ) d""".formatted(Benchmark.WARM_SKU_PREFIX);

    /** Seconds of each step; {@code products} = rows the upsert wrote. */
    record Result(double copySeconds, double upsertSeconds, double countsSeconds, long stagedRows, long products) {
        double totalSeconds() {
            return copySeconds + upsertSeconds + countsSeconds;
        }
    }

    private ByHandBaseline() {
    }

    /**
     * @param afterCopy runs once the file is staged, untimed (the bench deletes the file there: nothing reads it
     *        after, and a 50M-row run needs the room)
     */
    static Result run(Connection connection, Path file, Runnable afterCopy) throws SQLException {
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
            afterCopy.run();

            start = System.nanoTime();
            long products = statement.executeUpdate(UPSERT);
            double upsert = seconds(start);
            // untimed: nothing reads the staged rows any more, and at 50M rows they hold ~10 GB
            statement.execute(DROP_STAGING);

            start = System.nanoTime();
            statement.executeUpdate(COUNTS);
            double counts = seconds(start);
            return new Result(copy, upsert, counts, staged, products);
        }
    }

    /** 0 when {@code products} (but the warm file's) equals the by-hand result; else the rows that differ. */
    static long differencesFromProducts(Connection connection) throws SQLException {
        if (Exactness.text(connection, PRODUCTS_SUMMARY).equals(Exactness.text(connection, BY_HAND_SUMMARY))) {
            return 0;
        }
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
