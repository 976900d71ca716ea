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
import java.util.UUID;

import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.localinfra.LocalInfrastructure;

/**
 * Test-side JDBC access: plays ingest-worker's writes of {@code products} and {@code name_count_deltas}
 * (tables from the fixture DDL) and reads {@code product_counts} back, independently of the service's
 * own SQL.
 */
public final class ProductsTable {

    private static final String FIXTURE = "/fixtures/ingest-worker-products.sql";

    private ProductsTable() {
    }

    public static Connection connect() throws SQLException {
        LocalInfrastructure infra = LocalInfraTestResource.infra();
        return DriverManager.getConnection(infra.jdbcUrl(), infra.pgUser(), infra.pgPassword());
    }

    /** Creates ingest-worker's tables if missing and empties every table, so each test starts from nothing. */
    public static void reset() throws SQLException, IOException {
        String ddl;
        try (InputStream in = ProductsTable.class.getResourceAsStream(FIXTURE)) {
            ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(ddl);
            s.execute("TRUNCATE products, name_count_deltas, product_counts, applied_count_changes");
        }
    }

    /**
     * Does what a merge of upload {@code uploadId} does: inserts or renames products (sku → name) and
     * records every name's count change in name_count_deltas, in one transaction. The changes are
     * computed here in Java from the names read before writing.
     */
    public static void merge(UUID uploadId, Map<String, String> skuToName) throws SQLException {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            Map<String, Long> deltas = new TreeMap<>();
            for (Map.Entry<String, String> e : skuToName.entrySet()) {
                String previous = nameOf(c, e.getKey());
                if (previous != null) {
                    deltas.merge(previous, -1L, Long::sum);
                }
                deltas.merge(e.getValue(), 1L, Long::sum);
            }
            upsert(c, skuToName);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO name_count_deltas (upload_id, bucket, name, delta) VALUES (?, 0, ?, ?)")) {
                for (Map.Entry<String, Long> d : deltas.entrySet()) {
                    if (d.getValue() != 0) {
                        ps.setObject(1, uploadId);
                        ps.setString(2, d.getKey());
                        ps.setLong(3, d.getValue());
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
            c.commit();
        }
    }

    /** Inserts or renames products (sku → name) without any count change: what a single-product edit writes. */
    public static void upsert(Map<String, String> skuToName) throws SQLException {
        try (Connection c = connect()) {
            upsert(c, skuToName);
        }
    }

    /** Rows of name_count_deltas of an upload. */
    public static long deltaRows(UUID uploadId) throws SQLException {
        try (Connection c = connect();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM name_count_deltas WHERE upload_id = ?")) {
            ps.setObject(1, uploadId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String nameOf(Connection c, String sku) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT name FROM products WHERE sku = ? FOR UPDATE")) {
            ps.setString(1, sku);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void upsert(Connection c, Map<String, String> skuToName) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
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
