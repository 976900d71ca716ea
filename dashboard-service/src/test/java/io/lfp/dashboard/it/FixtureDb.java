package io.lfp.dashboard.it;

import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.localinfra.LocalInfrastructure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Rows in the tables other services own (their shape in fixtures/other-services-tables.sql),
 * written over plain JDBC as those services would, and read back to compute what the API must say.
 */
final class FixtureDb {

    private FixtureDb() {
    }

    /** Creates the tables if needed and empties them. */
    static void reset() {
        run(c -> {
            try (Statement s = c.createStatement()) {
                s.execute(fixtureSql());
                s.execute("TRUNCATE products, product_counts, uploads");
            }
        });
    }

    static void product(String sku, String name, String description) {
        run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO products (sku, name, description, src_upload, src_line) VALUES (?, ?, ?, 1, 1)
                    ON CONFLICT (sku) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description""")) {
                ps.setString(1, sku);
                ps.setString(2, name);
                ps.setString(3, description);
                ps.executeUpdate();
            }
        });
    }

    /** Many products in one statement batch: {sku, name, description} each. */
    static void products(List<String[]> rows) {
        run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO products (sku, name, description, src_upload, src_line) VALUES (?, ?, ?, 1, ?)
                    ON CONFLICT (sku) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description""")) {
                long line = 1;
                for (String[] row : rows) {
                    ps.setString(1, row[0]);
                    ps.setString(2, row[1]);
                    ps.setString(3, row[2]);
                    ps.setLong(4, ++line);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    static void deleteProduct(String sku) {
        update("DELETE FROM products WHERE sku = ?", sku);
    }

    /** What aggregate-service does after a job: product_counts = counts of products by name. */
    static void recomputeCounts() {
        run(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("TRUNCATE product_counts");
                s.execute("INSERT INTO product_counts SELECT name, count(*) FROM products GROUP BY name");
            }
        });
    }

    static void upload(UUID id, long seq, String filename, String uploadedBy, String status, long sizeBytes, Long bytesRead,
            Long rowsRead, Long rowsLoaded, Long rowsRejected, Long productsWritten, String error,
            Instant createdAt, Instant startedAt, Instant finishedAt, Instant aggregatedAt, int chunksTotal,
            int chunksDone, int chunksFailed, long recordsTotal) {
        run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO uploads (id, seq, filename, bucket, object_key, size_bytes, status, bytes_read,
                        rows_read, rows_loaded, rows_rejected, products_written, error, created_at, started_at,
                        finished_at, aggregated_at, chunks_total, chunks_done, chunks_failed, records_total, uploaded_by)
                    VALUES (?, ?, ?, 'lfp-uploads', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                ps.setObject(1, id);
                ps.setLong(2, seq);
                ps.setString(3, filename);
                ps.setString(4, "uploads/" + id);
                ps.setLong(5, sizeBytes);
                ps.setString(6, status);
                ps.setObject(7, bytesRead);
                ps.setObject(8, rowsRead);
                ps.setObject(9, rowsLoaded);
                ps.setObject(10, rowsRejected);
                ps.setObject(11, productsWritten);
                ps.setString(12, error);
                ps.setTimestamp(13, ts(createdAt));
                ps.setTimestamp(14, ts(startedAt));
                ps.setTimestamp(15, ts(finishedAt));
                ps.setTimestamp(16, ts(aggregatedAt));
                ps.setInt(17, chunksTotal);
                ps.setInt(18, chunksDone);
                ps.setInt(19, chunksFailed);
                ps.setLong(20, recordsTotal);
                ps.setString(21, uploadedBy);
                ps.executeUpdate();
            }
        });
    }

    /** Any change, as the owning service would make it. */
    static void update(String sql, Object... params) {
        run(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i] instanceof Instant instant ? ts(instant) : params[i]);
                }
                ps.executeUpdate();
            }
        });
    }

    /** The rows of a query, each as its column values in order. */
    static List<List<Object>> query(String sql, Object... params) {
        List<List<Object>> out = new ArrayList<>();
        run(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        List<Object> row = new ArrayList<>(columns);
                        for (int i = 1; i <= columns; i++) {
                            row.add(rs.getObject(i));
                        }
                        out.add(row);
                    }
                }
            }
        });
        return out;
    }

    /** The single number a query returns. */
    static long number(String sql, Object... params) {
        return ((Number) query(sql, params).get(0).get(0)).longValue();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static String fixtureSql() throws IOException {
        try (InputStream in = FixtureDb.class.getResourceAsStream("/fixtures/other-services-tables.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private interface Work {
        void run(Connection c) throws SQLException, IOException;
    }

    private static void run(Work work) {
        LocalInfrastructure infra = LocalInfraTestResource.infra();
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl(), infra.pgUser(), infra.pgPassword())) {
            work.run(c);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
