package io.lfp.aggregate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import io.lfp.testing.ServiceSchemas;
import io.lfp.testing.Sql;

/**
 * Plays ingest-worker's writes of {@code products} and {@code name_count_deltas} (made by ingest-worker's own
 * migrations, {@link ServiceSchemas}) and reads {@code product_counts} back, independently of the service's
 * own SQL.
 */
public final class ProductsTable {

    private static final String UPSERT = """
            INSERT INTO products (sku, name, description, src_upload, src_line, updated_at)
            VALUES (?, ?, ?, 1, ?, now())
            ON CONFLICT (sku) DO UPDATE SET name = EXCLUDED.name, updated_at = now()""";

    private static final String COUNTS_LOCK = "SELECT pg_advisory_xact_lock(?)";

    private ProductsTable() {
    }

    /**
     * Plays another instance adding count changes, still running: a connection in an open transaction holding
     * the advisory lock the service takes for that ({@code lfp.aggregate.counts-lock-key}) until it commits.
     */
    public static Connection holdCountsLock() throws SQLException {
        long key = ConfigProvider.getConfig().getValue("lfp.aggregate.counts-lock-key", Long.class);
        Connection other = Sql.connect();
        try (PreparedStatement lock = other.prepareStatement(COUNTS_LOCK)) {
            other.setAutoCommit(false);
            lock.setLong(1, key);
            lock.execute();
            return other;
        } catch (SQLException e) {
            other.close();
            throw e;
        }
    }

    /** Migrates ingest-worker's tables if needed and empties every table, so each test starts from nothing. */
    public static void reset() {
        ServiceSchemas.migrate("ingest-worker");
        Sql.update("TRUNCATE products, name_count_deltas, product_counts, applied_count_changes");
    }

    /**
     * Does what a merge of upload {@code uploadId} does: inserts or renames products (sku → name) and
     * records every name's count change in name_count_deltas, in one transaction. The changes are
     * computed here in Java from the names read before writing.
     */
    public static void merge(UUID uploadId, Map<String, String> skuToName) {
        Sql.inTransaction(c -> {
            Map<String, Long> deltas = new TreeMap<>();
            for (Map.Entry<String, String> e : skuToName.entrySet()) {
                List<List<Object>> previous = Sql.rows(c, "SELECT name FROM products WHERE sku = ? FOR UPDATE",
                        e.getKey());
                if (!previous.isEmpty()) {
                    deltas.merge((String) previous.get(0).get(0), -1L, Long::sum);
                }
                deltas.merge(e.getValue(), 1L, Long::sum);
            }
            upsert(c, skuToName);
            List<Object[]> changes = new ArrayList<>();
            deltas.forEach((name, delta) -> {
                if (delta != 0) {
                    changes.add(new Object[] { uploadId, name, delta });
                }
            });
            Sql.batch(c, "INSERT INTO name_count_deltas (upload_id, bucket, name, delta) VALUES (?, 0, ?, ?)", changes);
            return null;
        });
    }

    /** Inserts or renames products (sku → name) without any count change: what a single-product edit writes. */
    public static void upsert(Map<String, String> skuToName) {
        Sql.with(c -> {
            upsert(c, skuToName);
            return null;
        });
    }

    /** Rows of name_count_deltas of an upload. */
    public static long deltaRows(UUID uploadId) {
        return Sql.number("SELECT count(*) FROM name_count_deltas WHERE upload_id = ?", uploadId);
    }

    private static void upsert(Connection c, Map<String, String> skuToName) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        long line = 1;
        for (Map.Entry<String, String> e : skuToName.entrySet()) {
            rows.add(new Object[] { e.getKey(), e.getValue(), "description of " + e.getKey(), line++ });
        }
        Sql.batch(c, UPSERT, rows);
    }

    public static void delete(List<String> skus) {
        Sql.batch("DELETE FROM products WHERE sku = ?", skus.stream().map(sku -> new Object[] { sku }).toList());
    }

    /** product_counts as name → count. */
    public static Map<String, Long> productCounts() {
        return byName("SELECT name, product_count FROM product_counts");
    }

    /** {@code SELECT name, count(*) FROM products GROUP BY name}, as name → count: what product_counts must equal. */
    public static Map<String, Long> countsFromProducts() {
        return byName("SELECT name, count(*) FROM products GROUP BY name");
    }

    /** product_counts rows with their row version (xmin): equal lists mean no row was rewritten. */
    public static List<String> productCountVersions() {
        return Sql.rows("SELECT name, product_count, xmin::text FROM product_counts ORDER BY name").stream()
                .map(r -> r.get(0) + "|" + ((Number) r.get(1)).longValue() + "|" + r.get(2)).toList();
    }

    private static Map<String, Long> byName(String sql) {
        Map<String, Long> counts = new TreeMap<>();
        for (List<Object> row : Sql.rows(sql)) {
            counts.put((String) row.get(0), ((Number) row.get(1)).longValue());
        }
        return counts;
    }
}
