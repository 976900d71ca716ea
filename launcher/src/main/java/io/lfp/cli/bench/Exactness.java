package io.lfp.cli.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The checks that say a run's result is exact, straight against PostgreSQL. */
final class Exactness {
    static final String PRODUCTS = "SELECT count(*) FROM products";
    /** Names whose stored count differs from the recomputed one, both ways (0 = exact). */
    static final String COUNT_DIFFERENCES = """
            SELECT count(*) FROM (
              (SELECT name COLLATE "C", product_count FROM product_counts
               EXCEPT SELECT name COLLATE "C", count(*) FROM products GROUP BY name)
              UNION ALL
              (SELECT name COLLATE "C", count(*) FROM products GROUP BY name
               EXCEPT SELECT name COLLATE "C", product_count FROM product_counts)
            ) d""";
    /** An order-independent fingerprint of the products' content (sku, name, description). */
    static final String CONTENT_FINGERPRINT = """
            SELECT coalesce(sum(hashtextextended(sku || E'\\x1f' || name || E'\\x1f' || coalesce(description, ''), 0)::numeric), 0)::text
            FROM products""";

    /**
     * @param products rows in {@code products}
     * @param expectedProducts distinct skus the generator wrote
     * @param countDifferences names whose {@code product_counts} row differs from {@code GROUP BY name}
     * @param fingerprint {@link #CONTENT_FINGERPRINT}
     */
    record Check(long products, long expectedProducts, long countDifferences, String fingerprint) {
        boolean ok() {
            return products == expectedProducts && countDifferences == 0;
        }

        String describe() {
            return ok() ? "OK"
                    : "MISMATCH: products " + products + " (expected " + expectedProducts + "), "
                            + countDifferences + " names with a wrong count";
        }
    }

    private Exactness() {
    }

    static Check check(Connection connection, long expectedProducts) throws SQLException {
        return new Check(single(connection, PRODUCTS), expectedProducts, single(connection, COUNT_DIFFERENCES),
                text(connection, CONTENT_FINGERPRINT));
    }

    static long single(Connection connection, String sql) throws SQLException {
        return Long.parseLong(text(connection, sql));
    }

    static String text(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
