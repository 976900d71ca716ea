package io.lfp.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lfp.events.FileUploaded;
import io.lfp.events.IngestFinished;
import io.lfp.events.IngestProgressed;
import io.lfp.events.IngestState;
import io.lfp.events.Topics;
import io.lfp.localinfra.LocalInfraTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The worker against real PostgreSQL, Kafka and S3: objects go into S3, FileUploaded events into
 * Kafka, and the tests check ingest-finished, the tables and the HTTP API exactly.
 * Runs with lfp.ingest.batch-size=100 (application.properties, test profile) so files span batches.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class IngestJobTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    S3Client s3;

    @Inject
    ObjectMapper json;

    private TestKafka kafka;

    /** A product row as stored. */
    record Product(String sku, String name, String description, long srcUpload, long srcLine) {
    }

    /** A rejected_rows row as stored. */
    record Rejected(long recordNumber, long lineNumber, String reason, String rawText) {
    }

    @BeforeEach
    void cleanTables() throws Exception {
        kafka = new TestKafka(json);
        try (Connection c = jdbc(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE products, ingest_jobs, rejected_rows");
        }
    }

    @Test
    void sampleFileLoadsExactlyTheExpectedProducts() throws Exception {
        byte[] sample = resource("/products-sample.csv");
        String id = upload(sample, 1);

        IngestFinished done = awaitFinished(id, 1).get(0);
        assertEquals(new IngestFinished(1, id, IngestState.COMPLETED, 499, 499, 0, 499, done.startedAt(),
                done.finishedAt(), null), done);
        assertEquals(expectedProducts(Map.of(1L, sample)), products());

        // batch size 100, progress interval 0 (test profile): one event at the start, then one per batch
        List<IngestProgressed> progress = kafka.await(Topics.INGEST_PROGRESS, id, 6, IngestProgressed.class, WAIT);
        assertEquals(List.of(0L, 100L, 200L, 300L, 400L, 499L), progress.stream().map(IngestProgressed::rowsLoaded).toList());
        assertEquals(List.of(0L, 100L, 200L, 300L, 400L, 499L),
                progress.stream().map(IngestProgressed::productsWritten).toList());
        for (IngestProgressed p : progress) {
            assertEquals(IngestState.INGESTING, p.state());
            assertEquals(sample.length, p.bytesTotal());
            assertEquals(0, p.rowsRejected());
        }
        assertEquals(0, progress.get(0).bytesRead());
        assertEquals(sample.length, progress.get(5).bytesRead());
        assertEquals(499, progress.get(5).rowsRead());

        given().get("/api/jobs/{id}", id).then().statusCode(200)
                .body("uploadId", equalTo(id))
                .body("uploadSeq", equalTo(1))
                .body("state", equalTo("COMPLETED"))
                .body("bytesTotal", equalTo(sample.length))
                .body("bytesRead", equalTo(sample.length))
                .body("rowsRead", equalTo(499))
                .body("rowsLoaded", equalTo(499))
                .body("rowsRejected", equalTo(0))
                .body("productsWritten", equalTo(499))
                .body("error", nullValue());
        given().get("/api/uploads/{id}/rejected", id).then().statusCode(200)
                .contentType("text/csv")
                .body(equalTo("record_number,line_number,reason,raw_text\r\n"));
    }

    @Test
    void badRowsAreRejectedExactlyAndTheRestLoads() throws Exception {
        String longSku = "s".repeat(256);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(("name,sku,description\r\n"
                + "good1,g1,d1\r\n"                      // record 1, line 2
                + "only,two\r\n"                         // record 2, line 3
                + "noname,,desc\r\n"                     // record 3, line 4
                + "n," + longSku + ",d\r\n"              // record 4, line 5
                + "\"multi\nline\",g2,\"d\nd\"\r\n"      // record 5, lines 6-8 (two LFs in quotes)
                + "bad").getBytes(StandardCharsets.UTF_8)); // record 6, line 9
        file.write(0xC3);
        file.write(0x28);
        file.writeBytes((",g3,d\r\n"
                + "good4,g4,\"has, comma\"\r\n"          // record 7, line 10
                + "trunc,g5,\"never closed\nmore").getBytes(StandardCharsets.UTF_8)); // record 8, line 11
        String id = upload(file.toByteArray(), 3);

        IngestFinished done = awaitFinished(id, 1).get(0);
        assertEquals(new IngestFinished(1, id, IngestState.COMPLETED_WITH_ERRORS, 8, 3, 5, 3, done.startedAt(),
                done.finishedAt(), null), done);
        assertEquals(List.of(
                new Product("g1", "good1", "d1", 3, 1),
                new Product("g2", "multi\nline", "d\nd", 3, 5),
                new Product("g4", "good4", "has, comma", 3, 7)), products());
        assertEquals(List.of(
                new Rejected(2, 3, "expected 3 fields but found 2", "only,two"),
                new Rejected(3, 4, "empty sku", "noname,,desc"),
                new Rejected(4, 5, "sku longer than 255 characters", "n," + longSku + ",d"),
                new Rejected(6, 9, "invalid UTF-8", "bad\uFFFD(,g3,d"),
                new Rejected(8, 11, "unterminated quoted field at end of file", "trunc,g5,\"never closed\nmore")),
                rejectedRows(id));

        String csv = given().get("/api/uploads/{id}/rejected", id).then().statusCode(200)
                .contentType("text/csv").extract().asString();
        assertEquals("record_number,line_number,reason,raw_text\r\n"
                + "2,3,expected 3 fields but found 2,\"only,two\"\r\n"
                + "3,4,empty sku,\"noname,,desc\"\r\n"
                + "4,5,sku longer than 255 characters,\"n," + longSku + ",d\"\r\n"
                + "6,9,invalid UTF-8,\"bad\uFFFD(,g3,d\"\r\n"
                + "8,11,unterminated quoted field at end of file,\"trunc,g5,\"\"never closed\nmore\"\r\n", csv);
    }

    @Test
    void thousandsOfRejectedRowsAreStoredAndStreamedInOrder() throws Exception {
        StringBuilder csv = new StringBuilder("name,sku,description\r\n");
        for (int i = 1; i <= 2500; i++) {
            csv.append("only-").append(i).append("\r\n");
        }
        csv.append("Kept,kept-1,fine\r\n");
        String id = upload(csv.toString().getBytes(StandardCharsets.UTF_8), 12);
        assertEquals(new IngestFinished(1, id, IngestState.COMPLETED_WITH_ERRORS, 2501, 1, 2500, 1, null, null, null),
                withoutTimes(awaitFinished(id, 1).get(0)));
        assertEquals(List.of(new Product("kept-1", "Kept", "fine", 12, 2501)), products());

        StringBuilder expected = new StringBuilder("record_number,line_number,reason,raw_text\r\n");
        for (int i = 1; i <= 2500; i++) {
            expected.append(i).append(',').append(i + 1).append(",expected 3 fields but found 1,only-").append(i)
                    .append("\r\n");
        }
        String body = given().get("/api/uploads/{id}/rejected", id).then().statusCode(200)
                .contentType("text/csv").extract().asString();
        assertEquals(expected.toString(), body);
    }

    @Test
    void redeliveredEventChangesNothingAndAnnouncesTheSameResult() throws Exception {
        byte[] file = "name,sku,description\r\nA,a1,x\r\nB,b1,y\r\nA2,a1,z\r\n".getBytes(StandardCharsets.UTF_8);
        FileUploaded event = event(UUID.randomUUID().toString(), 4, file.length);
        put(event, file);
        kafka.send(Topics.FILE_UPLOADED, event.uploadId(), event);
        IngestFinished first = awaitFinished(event.uploadId(), 1).get(0);
        assertEquals(new IngestFinished(1, event.uploadId(), IngestState.COMPLETED, 3, 3, 0, 2, first.startedAt(),
                first.finishedAt(), null), first);
        List<List<Object>> before = productsWithTimestamps();
        assertEquals(2, before.size());

        kafka.send(Topics.FILE_UPLOADED, event.uploadId(), event);
        List<IngestFinished> both = awaitFinished(event.uploadId(), 2);
        assertEquals(first, both.get(1));
        assertEquals(before, productsWithTimestamps());
        assertEquals(List.of(new Product("a1", "A2", "z", 4, 3), new Product("b1", "B", "y", 4, 2)), products());
    }

    @Test
    void laterUploadWinsAndAnEarlierOneNeverOverwrites() throws Exception {
        byte[] sample = resource("/products-sample.csv");
        List<Rfc4180.Rec> sampleRecords = Rfc4180.parse(new String(sample, StandardCharsets.UTF_8));
        String sku1 = sampleRecords.get(1).fields().get(1);
        String sku2 = sampleRecords.get(2).fields().get(1);
        String sku250 = sampleRecords.get(250).fields().get(1);
        String first = upload(sample, 10);
        assertEquals(IngestState.COMPLETED, awaitFinished(first, 1).get(0).state());

        // seq 11 renames three products (sku250 twice: its last occurrence wins) and adds one
        byte[] second = ("name,sku,description\r\n"
                + "Renamed One," + sku1 + ",new one\r\n"
                + "Renamed 250 first," + sku250 + ",first\r\n"
                + "Brand New,new-sku-1,\"fresh, \"\"quoted\"\"\"\r\n"
                + "Renamed Two," + sku2 + ",\"new\ntwo\"\r\n"
                + "Renamed 250 last," + sku250 + ",last\r\n").getBytes(StandardCharsets.UTF_8);
        String secondId = upload(second, 11);
        assertEquals(new IngestFinished(1, secondId, IngestState.COMPLETED, 5, 5, 0, 4, null, null, null),
                withoutTimes(awaitFinished(secondId, 1).get(0)));
        Map<Long, byte[]> uploads = new LinkedHashMap<>();
        uploads.put(10L, sample);
        uploads.put(11L, second);
        List<Product> expected = expectedProducts(uploads);
        assertEquals(expected, products());
        assertEquals(new Product(sku250, "Renamed 250 last", "last", 11, 5), find(expected, sku250));
        assertEquals(new Product(sku2, "Renamed Two", "new\ntwo", 11, 4), find(expected, sku2));

        // seq 7 comes late: it may add a new sku but must not overwrite products of seq 10 or 11
        byte[] late = ("name,sku,description\r\n"
                + "Stale One," + sku1 + ",stale\r\n"
                + "Stale 3," + sampleRecords.get(3).fields().get(1) + ",stale\r\n"
                + "Late New,late-sku,late\r\n").getBytes(StandardCharsets.UTF_8);
        String lateId = upload(late, 7);
        assertEquals(new IngestFinished(1, lateId, IngestState.COMPLETED, 3, 3, 0, 1, null, null, null),
                withoutTimes(awaitFinished(lateId, 1).get(0)));
        List<Product> withLate = new ArrayList<>(expected);
        withLate.add(new Product("late-sku", "Late New", "late", 7, 3));
        withLate.sort((a, b) -> a.sku().compareTo(b.sku()));
        assertEquals(withLate, products());
    }

    @Test
    void repeatedSkusAcrossBatchesKeepTheirLastOccurrence() throws Exception {
        // 250 records over batches of 100, every sku repeated 3 or 4 times far apart; the batches
        // run two at a time, so the position guard is what makes the last occurrence win
        StringBuilder csv = new StringBuilder("name,sku,description\r\n");
        for (int i = 1; i <= 250; i++) {
            csv.append("Name ").append(i).append(",dup-").append(i % 70).append(",\"row ").append(i).append("\"\r\n");
        }
        byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
        String id = upload(file, 9);
        IngestFinished done = awaitFinished(id, 1).get(0);
        assertEquals(IngestState.COMPLETED, done.state());
        assertEquals(250, done.rowsRead());
        assertEquals(250, done.rowsLoaded());
        List<Product> expected = expectedProducts(Map.of(9L, file));
        assertEquals(70, expected.size());
        assertEquals(new Product("dup-0", "Name 210", "row 210", 9, 210), find(expected, "dup-0"));
        assertEquals(expected, products());
    }

    @Test
    void jobLeftIngestingByACrashRestartsFromTheBeginning() throws Exception {
        byte[] file = "name,sku,description\r\nA,r1,x\r\nB,r2,y\r\n".getBytes(StandardCharsets.UTF_8);
        FileUploaded event = event(UUID.randomUUID().toString(), 5, file.length);
        put(event, file);
        try (Connection c = jdbc(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO ingest_jobs (upload_id, upload_seq, bucket, object_key, state, rows_read, rows_loaded)"
                    + " VALUES ('" + event.uploadId() + "', 5, 'b', 'k', 'INGESTING', 77, 66)");
            st.execute("INSERT INTO products (sku, name, description, src_upload, src_line) VALUES ('r1', 'A', 'x', 5, 1)");
        }
        kafka.send(Topics.FILE_UPLOADED, event.uploadId(), event);
        // r1 was already written by the crashed attempt at the same position: only r2 is written now
        assertEquals(new IngestFinished(1, event.uploadId(), IngestState.COMPLETED, 2, 2, 0, 1, null, null, null),
                withoutTimes(awaitFinished(event.uploadId(), 1).get(0)));
        assertEquals(List.of(new Product("r1", "A", "x", 5, 1), new Product("r2", "B", "y", 5, 2)), products());
    }

    @Test
    void wrongHeaderFailsTheJobWithTheExactError() throws Exception {
        String id = upload("sku,name,description\r\na,b,c\r\n".getBytes(StandardCharsets.UTF_8), 6);
        String error = "Wrong CSV header: expected 'name,sku,description' but found 'sku,name,description'";
        assertEquals(new IngestFinished(1, id, IngestState.FAILED, 0, 0, 0, 0, null, null, error),
                withoutTimes(awaitFinished(id, 1).get(0)));
        assertEquals(List.of(), products());
        given().get("/api/jobs/{id}", id).then().statusCode(200)
                .body("state", equalTo("FAILED"))
                .body("error", equalTo(error));
    }

    @Test
    void aQuoteNeverClosedMidFileFailsTheJobAfterLoadingTheRowsBeforeIt() throws Exception {
        String text = "name,sku,description\r\nA,m1,x\r\nB,m2,y\r\nC,m3,\"open" + "\nswallowed,row,z".repeat(10_005);
        String id = upload(text.getBytes(StandardCharsets.UTF_8), 13);
        String error = "Record 3 starting on line 4 spans more than 10000 lines: a quoted field is probably never closed";
        assertEquals(new IngestFinished(1, id, IngestState.FAILED, 2, 2, 0, 2, null, null, error),
                withoutTimes(awaitFinished(id, 1).get(0)));
        assertEquals(List.of(new Product("m1", "A", "x", 13, 1), new Product("m2", "B", "y", 13, 2)), products());
    }

    @Test
    void missingObjectFailsTheJob() throws Exception {
        FileUploaded event = event(UUID.randomUUID().toString(), 8, 10);
        kafka.send(Topics.FILE_UPLOADED, event.uploadId(), event);
        IngestFinished done = awaitFinished(event.uploadId(), 1).get(0);
        assertEquals(new IngestFinished(1, event.uploadId(), IngestState.FAILED, 0, 0, 0, 0, null, null,
                "Object not found: s3://" + event.bucket() + "/" + event.key()), withoutTimes(done));
        assertNotNull(done.finishedAt());
    }

    @Test
    void unknownAndMalformedIdsGetClearErrors() {
        String id = UUID.randomUUID().toString();
        given().get("/api/jobs/{id}", id).then().statusCode(404).contentType("application/json")
                .body("error", equalTo("Not found"))
                .body("detail", equalTo("No ingest job for upload " + id));
        given().get("/api/uploads/{id}/rejected", id).then().statusCode(404).contentType("application/json")
                .body("error", equalTo("Not found"))
                .body("detail", equalTo("No ingest job for upload " + id));
        given().get("/api/jobs/{id}", "nope").then().statusCode(400).contentType("application/json")
                .body("error", equalTo("Bad request"))
                .body("detail", equalTo("'nope' is not a valid upload id (expected a UUID)"));
    }

    @Test
    void healthMetricsAndOpenApiAreServed() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 's3' }.status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("lfp_ingest_rows_loaded_total"));
        given().get("/q/openapi").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("/api/uploads/{id}/rejected"));
    }

    // ---- helpers ----

    private String upload(byte[] content, long seq) throws Exception {
        FileUploaded event = event(UUID.randomUUID().toString(), seq, content.length);
        put(event, content);
        kafka.send(Topics.FILE_UPLOADED, event.uploadId(), event);
        return event.uploadId();
    }

    private FileUploaded event(String id, long seq, long size) {
        return FileUploaded.of(id, seq, LocalInfraTestResource.infra().bucket(), "uploads/" + id + "/products.csv",
                "products.csv", size, Instant.now());
    }

    private void put(FileUploaded event, byte[] content) {
        s3.putObject(b -> b.bucket(event.bucket()).key(event.key()), RequestBody.fromBytes(content));
    }

    private List<IngestFinished> awaitFinished(String id, int count) throws Exception {
        return kafka.await(Topics.INGEST_FINISHED, id, count, IngestFinished.class, WAIT);
    }

    private static IngestFinished withoutTimes(IngestFinished f) {
        assertNotNull(f.startedAt());
        assertNotNull(f.finishedAt());
        return new IngestFinished(f.version(), f.uploadId(), f.state(), f.rowsRead(), f.rowsLoaded(), f.rowsRejected(),
                f.productsWritten(), null, null, f.error());
    }

    /** What products must hold after these uploads, by the test's own parser: later seq, then later record, wins. */
    private static List<Product> expectedProducts(Map<Long, byte[]> uploadsBySeq) {
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

    private static Product find(List<Product> products, String sku) {
        return products.stream().filter(p -> p.sku().equals(sku)).findFirst().orElse(null);
    }

    private static List<Product> products() throws Exception {
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

    private static List<List<Object>> productsWithTimestamps() throws Exception {
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

    private static List<Rejected> rejectedRows(String id) throws Exception {
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

    private static Connection jdbc() throws Exception {
        var infra = LocalInfraTestResource.infra();
        return DriverManager.getConnection(infra.jdbcUrl(), infra.pgUser(), infra.pgPassword());
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = IngestJobTest.class.getResourceAsStream(name)) {
            assertNotNull(in, "missing " + name);
            return in.readAllBytes();
        }
    }
}
