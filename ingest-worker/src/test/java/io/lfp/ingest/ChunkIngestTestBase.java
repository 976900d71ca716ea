package io.lfp.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lfp.events.ChunkReady;
import io.lfp.events.IngestFinished;
import io.lfp.events.Topics;
import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.security.Roles;
import io.lfp.security.testing.TestTokens;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertNotNull;

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
    void cleanTables() throws Exception {
        kafka = new TestKafka(json);
        try (Connection c = jdbc(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE products, ingest_jobs, ingest_chunks, ingest_merges, rejected_rows, name_count_deltas");
            st.execute("DROP TABLE IF EXISTS uploads");
            for (String staging : stagingTables()) {
                st.execute("DROP TABLE " + staging);
            }
        }
    }

    /** Stores the file under a new upload id and plans its chunks. */
    List<ChunkReady> chunks(long seq, byte[] file, int chunkSize) {
        return TestChunks.stored(s3, seq, file, chunkSize);
    }

    void publish(List<ChunkReady> chunks) throws Exception {
        kafka.publishChunks(chunks);
    }

    List<IngestFinished> awaitFinished(String id, int count) throws Exception {
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
            List<Rfc4180.Rec> recs = Rfc4180.parse(new String(u.getValue(), StandardCharsets.UTF_8));
            for (int i = 1; i < recs.size(); i++) {
                List<String> f = recs.get(i).fields();
                bySku.put(f.get(1), new Product(f.get(1), f.get(0), f.get(2), u.getKey(), i));
            }
        });
        return new ArrayList<>(bySku.values());
    }

    static List<Product> products() throws Exception {
        List<Product> out = new ArrayList<>();
        try (Connection c = jdbc(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT sku, name, description, src_upload, src_line FROM products ORDER BY sku")) {
            while (rs.next()) {
                out.add(new Product(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5)));
            }
        }
        return out;
    }

    /** name → the count change the upload's merge recorded (summed over its buckets). */
    static Map<String, Long> deltasOf(String uploadId) throws Exception {
        return nameCounts("SELECT name, sum(delta) FROM name_count_deltas WHERE upload_id = '" + uploadId
                + "' GROUP BY name");
    }

    static Map<String, Long> nameCounts(String query) throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = jdbc(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    static List<List<Object>> productsWithTimestamps() throws Exception {
        List<List<Object>> out = new ArrayList<>();
        try (Connection c = jdbc(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT sku, name, description, src_upload, src_line, updated_at::text"
                        + " FROM products ORDER BY sku")) {
            while (rs.next()) {
                out.add(List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                        rs.getString(6)));
            }
        }
        return out;
    }

    static List<Rejected> rejectedRows(String id) throws Exception {
        List<Rejected> out = new ArrayList<>();
        try (Connection c = jdbc(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT record_number, line_number, reason, raw_text FROM rejected_rows"
                        + " WHERE upload_id = '" + id + "' ORDER BY record_number")) {
            while (rs.next()) {
                out.add(new Rejected(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)));
            }
        }
        return out;
    }

    static List<ChunkRow> chunkRows(String id) throws Exception {
        List<ChunkRow> out = new ArrayList<>();
        try (Connection c = jdbc(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT chunk_index, state, rows_read, rows_loaded, rows_rejected, bytes,"
                        + " attempts, error FROM ingest_chunks WHERE upload_id = '" + id + "' ORDER BY chunk_index")) {
            while (rs.next()) {
                out.add(new ChunkRow(rs.getInt(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getInt(7), rs.getString(8)));
            }
        }
        return out;
    }

    /** The job API is for viewers and up. */
    static RequestSpecification asViewer() {
        return given().header("Authorization", TestTokens.bearer("ingest-viewer", Roles.VIEWER));
    }

    static void sql(String... statements) throws Exception {
        try (Connection c = jdbc(); Statement st = c.createStatement()) {
            for (String statement : statements) {
                st.execute(statement);
            }
        }
    }

    static List<String> stagingTables() throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection c = jdbc(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT tablename FROM pg_tables WHERE tablename LIKE 'ingest\\_staging\\_%' ORDER BY 1")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    static Connection jdbc() throws Exception {
        var infra = LocalInfraTestResource.infra();
        return DriverManager.getConnection(infra.jdbcUrl(), infra.pgUser(), infra.pgPassword());
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = ChunkIngestTestBase.class.getResourceAsStream(name)) {
            assertNotNull(in, "missing " + name);
            return in.readAllBytes();
        }
    }
}
