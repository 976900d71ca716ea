package io.lfp.aggregate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.localinfra.LocalInfrastructure;

/**
 * Test-side JDBC access: sets up ingest-worker's {@code products} rows (from the fixture DDL) and
 * reads {@code product_counts} back, independently of the service's own SQL.
 */
public final class ProductsTable {

    private static final String FIXTURE = "/fixtures/ingest-worker-products.sql";

    private ProductsTable() {
    }

    public static Connection connect() throws SQLException {
        LocalInfrastructure infra = LocalInfraTestResource.infra();
        return DriverManager.getConnection(infra.jdbcUrl(), infra.pgUser(), infra.pgPassword());
    }

    /** Creates products if missing and empties both tables, so each test starts from nothing. */
    public static void reset() throws SQLException, IOException {
        String ddl;
        try (InputStream in = ProductsTable.class.getResourceAsStream(FIXTURE)) {
            ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(ddl);
            s.execute("TRUNCATE products, product_counts");
        }
    }

    /** Inserts or renames products: sku → name. */
    public static void upsert(Map<String, String> skuToName) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO products (sku, name, description, src_upload, src_line, updated_at)
                VALUES (?, ?, ?, 1, ?, now())
                ON CONFLICT (sku) DO UPDATE SET name = EXCLUDED.name, updated_at = now()""")) {
            long line = 1;
            for (Map.Entry<String, String> e : skuToName.entrySet()) {
                ps.setString(1, e.getKey());
                ps.setString(2, e.getValue());
                ps.setString(3, "description of " + e.getKey());
                ps.setLong(4, line++);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public static void delete(List<String> skus) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("DELETE FROM products WHERE sku = ?")) {
            for (String sku : skus) {
                ps.setString(1, sku);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** product_counts as name → count. */
    public static Map<String, Long> productCounts() throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT name, product_count FROM product_counts")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    /** {@code SELECT name, count(*) FROM products GROUP BY name}, as name → count: what product_counts must equal. */
    public static Map<String, Long> countsFromProducts() throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT name, count(*) FROM products GROUP BY name")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    /** product_counts rows with their row version (xmin): equal lists mean no row was rewritten. */
    public static List<String> productCountVersions() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT name, product_count, xmin::text FROM product_counts ORDER BY name")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + "|" + rs.getLong(2) + "|" + rs.getString(3));
            }
        }
        return rows;
    }
}
