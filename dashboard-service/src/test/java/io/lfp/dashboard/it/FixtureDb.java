package io.lfp.dashboard.it;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.lfp.testing.ServiceSchemas;
import io.lfp.testing.Sql;

/**
 * Rows in the tables other services own (made by their own migrations, {@link ServiceSchemas}), written as
 * those services would, as the superuser; read them back with {@link Sql} to compute what the API must say.
 */
final class FixtureDb {

    private static final String UPSERT_PRODUCT = """
            INSERT INTO products (sku, name, description, src_upload, src_line) VALUES (?, ?, ?, 1, ?)
            ON CONFLICT (sku) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description""";

    private FixtureDb() {
    }

    /** Migrates the owners' tables if needed and empties them. */
    static void reset() {
        ServiceSchemas.migrate("upload-service", "ingest-worker", "aggregate-service");
        Sql.update("TRUNCATE products, product_counts, uploads");
    }

    static void product(String sku, String name, String description) {
        Sql.update(UPSERT_PRODUCT, sku, name, description, 1L);
    }

    /** Many products in one statement batch: {sku, name, description} each. */
    static void products(List<String[]> rows) {
        List<Object[]> params = new ArrayList<>(rows.size());
        long line = 1;
        for (String[] row : rows) {
            params.add(new Object[] { row[0], row[1], row[2], ++line });
        }
        Sql.batch(UPSERT_PRODUCT, params);
    }

    static void deleteProduct(String sku) {
        Sql.update("DELETE FROM products WHERE sku = ?", sku);
    }

    /** What aggregate-service does after a job: product_counts = counts of products by name. */
    static void recomputeCounts() {
        Sql.inTransaction(c -> {
            Sql.update(c, "TRUNCATE product_counts");
            return Sql.update(c, "INSERT INTO product_counts SELECT name, count(*) FROM products GROUP BY name");
        });
    }

    /** An uploads row as upload-service writes it; {@code seq} is given, as the fixtures' expectations name it. */
    static void upload(UUID id, long seq, String filename, String uploadedBy, String status, long sizeBytes, Long bytesRead,
            Long rowsRead, Long rowsLoaded, Long rowsRejected, Long productsWritten, String error,
            Instant createdAt, Instant startedAt, Instant finishedAt, Instant aggregatedAt, int chunksTotal,
            int chunksDone, int chunksFailed, long recordsTotal) {
        Sql.update("""
                INSERT INTO uploads (id, seq, filename, bucket, object_key, size_bytes, status, bytes_read,
                    rows_read, rows_loaded, rows_rejected, products_written, error, created_at, started_at,
                    finished_at, aggregated_at, chunks_total, chunks_done, chunks_failed, records_total, uploaded_by)
                OVERRIDING SYSTEM VALUE
                VALUES (?, ?, ?, 'lfp-uploads', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                id, seq, filename, "uploads/" + id, sizeBytes, status, bytesRead, rowsRead, rowsLoaded, rowsRejected,
                productsWritten, error, createdAt, startedAt, finishedAt, aggregatedAt, chunksTotal, chunksDone,
                chunksFailed, recordsTotal, uploadedBy);
    }
}
