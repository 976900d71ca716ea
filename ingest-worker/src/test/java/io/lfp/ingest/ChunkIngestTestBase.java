package io.lfp.ingest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.lfp.events.ChunkReady;
import io.lfp.events.IngestFinished;
import io.lfp.events.Topics;
import io.lfp.security.Roles;
import io.lfp.security.testing.TestTokens;
import io.lfp.testing.Rfc4180Reader;
import io.lfp.testing.Sql;
import io.lfp.testing.TestKafka;
import io.restassured.specification.RequestSpecification;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the chunk ingest tests share: the worker against real PostgreSQL, Kafka and S3; files go into S3, their
 * chunks (planned by the test's own quote-aware scanner, {@link TestChunks}) into ingest-chunks in any order, and
 * the tests check ingest-finished, the tables and the HTTP API exactly. Every test starts from empty tables.
 * Test profile: a 100-byte COPY buffer, 3 attempts 100 ms apart, 3 merge buckets.
 */
abstract class ChunkIngestTestBase {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    S3Client s3;

    @Inject
    ObjectMapper json;

    TestKafka kafka;

    /** A product row as stored. */
    record Product(String sku, String name, String description, long srcUpload, long srcLine) {
    }

    /** A rejected_rows row as stored. */
    record Rejected(long recordNumber, long lineNumber, String reason, String rawText) {
    }

    /** An ingest_chunks row as stored. */
    record ChunkRow(int chunkIndex, String state, long rowsRead, long rowsLoaded, long rowsRejected, long bytes,
            int attempts, String error) {
    }

    @BeforeEach
    void cleanTables() {
        kafka = new TestKafka(json);
        Sql.update("TRUNCATE products, ingest_jobs, ingest_chunks, ingest_merges, rejected_rows, name_count_deltas");
        Sql.update("DROP TABLE IF EXISTS uploads");
        for (String staging : stagingTables()) {
            Sql.update("DROP TABLE " + staging);
        }
    }

    /** Stores the file under a new upload id and plans its chunks. */
    List<ChunkReady> chunks(long seq, byte[] file, int chunkSize) {
        return TestChunks.stored(s3, seq, file, chunkSize);
    }

    void publish(List<ChunkReady> chunks) {
        TestChunks.publish(kafka, chunks);
    }

    List<IngestFinished> awaitFinished(String id, int count) {
        return kafka.await(Topics.INGEST_FINISHED, id, count, IngestFinished.class, WAIT);
    }

    static IngestFinished withoutTimes(IngestFinished f) {
        assertNotNull(f.startedAt());
        assertNotNull(f.finishedAt());
        return new IngestFinished(f.version(), f.uploadId(), f.state(), f.rowsRead(), f.rowsLoaded(), f.rowsRejected(),
                f.productsWritten(), null, null, f.error(), f.chunksTotal(), f.chunksFailed(), f.failedChunks(),
                f.retryable(), f.retries());
    }

    /** What products must hold after these uploads, by the test's own parser: later seq, then later record, wins. */
    static List<Product> expectedProducts(Map<Long, byte[]> uploadsBySeq) {
        Map<String, Product> bySku = new TreeMap<>();
        uploadsBySeq.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(u -> {
            List<List<String>> recs = Rfc4180Reader.records(new String(u.getValue(), StandardCharsets.UTF_8));
            for (int i = 1; i < recs.size(); i++) {
                List<String> f = recs.get(i);
                bySku.put(f.get(1), new Product(f.get(1), f.get(0), f.get(2), u.getKey(), i));
            }
        });
        return new ArrayList<>(bySku.values());
    }

    static List<Product> products() {
        return Sql.rows("SELECT sku, name, description, src_upload, src_line FROM products ORDER BY sku").stream()
                .map(r -> new Product((String) r.get(0), (String) r.get(1), (String) r.get(2), number(r.get(3)),
                        number(r.get(4))))
                .toList();
    }

    /** name → the count change the upload's merge recorded (summed over its buckets). */
    static Map<String, Long> deltasOf(String uploadId) {
        return nameCounts("SELECT name, sum(delta) FROM name_count_deltas WHERE upload_id = ?::uuid GROUP BY name",
                uploadId);
    }

    /** name → count, from a query of those two columns. */
    static Map<String, Long> nameCounts(String query, Object... params) {
        Map<String, Long> counts = new TreeMap<>();
        Sql.rows(query, params).forEach(r -> counts.put((String) r.get(0), number(r.get(1))));
        return counts;
    }

    /** The products with their positions and update times, to show an upload left them alone. */
    static List<List<Object>> productsWithTimestamps() {
        return Sql.rows("SELECT sku, name, description, src_upload, src_line, updated_at::text FROM products"
                + " ORDER BY sku");
    }

    static List<Rejected> rejectedRows(String id) {
        return Sql.rows("SELECT record_number, line_number, reason, raw_text FROM rejected_rows"
                + " WHERE upload_id = ?::uuid ORDER BY record_number", id).stream()
                .map(r -> new Rejected(number(r.get(0)), number(r.get(1)), (String) r.get(2), (String) r.get(3)))
                .toList();
    }

    static List<ChunkRow> chunkRows(String id) {
        return Sql.rows("SELECT chunk_index, state, rows_read, rows_loaded, rows_rejected, bytes, attempts, error"
                + " FROM ingest_chunks WHERE upload_id = ?::uuid ORDER BY chunk_index", id).stream()
                .map(r -> new ChunkRow((int) number(r.get(0)), (String) r.get(1), number(r.get(2)), number(r.get(3)),
                        number(r.get(4)), number(r.get(5)), (int) number(r.get(6)), (String) r.get(7)))
                .toList();
    }

    /** The job API is for viewers and up. */
    static RequestSpecification asViewer() {
        return given().header("Authorization", TestTokens.bearer("ingest-viewer", Roles.VIEWER));
    }

    /** Runs the statements one after the other on one connection, each committed on its own. */
    static void sql(String... statements) {
        Sql.with(c -> {
            for (String statement : statements) {
                Sql.update(c, statement);
            }
            return null;
        });
    }

    static List<String> stagingTables() {
        return Sql.rows("SELECT tablename::text FROM pg_tables WHERE tablename LIKE 'ingest\\_staging\\_%'"
                + " ORDER BY 1").stream().map(r -> (String) r.get(0)).toList();
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
