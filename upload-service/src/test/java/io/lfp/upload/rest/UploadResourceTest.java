package io.lfp.upload.rest;

import static io.lfp.upload.TestSupport.config;
import static io.lfp.upload.TestSupport.s3Keys;
import static io.lfp.upload.TestSupport.s3PartsSha256;
import static io.lfp.upload.TestSupport.uploadCount;
import static io.lfp.upload.TestSupport.uploadRow;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lfp.events.Topics;
import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.security.RoleHierarchyAugmentor;
import io.lfp.security.Roles;
import io.lfp.testing.Management;
import io.lfp.testing.Rfc4180Reader;
import io.lfp.testing.TestFiles;
import io.lfp.testing.TestKafka;
import io.lfp.upload.ChunkEventsAssert;
import io.lfp.upload.TestSupport;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import software.amazon.awssdk.services.s3.S3Client;

@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@TestSecurity(user = TestSupport.USER, roles = Roles.UPLOADER, augmentors = RoleHierarchyAugmentor.class)
class UploadResourceTest {

    private static final Set<String> UPLOAD_FIELDS = Set.of("id", "seq", "filename", "status", "sizeBytes",
            "bytesRead", "rowsRead", "rowsLoaded", "rowsRejected", "productsWritten", "error", "createdAt", "startedAt",
            "finishedAt", "aggregatedAt", "chunksTotal", "chunksDone", "chunksFailed", "recordsTotal", "source",
            "rowsPerSecond", "etaSeconds", "failedChunks", "retryable", "retries", "uploadedBy");
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Inject
    S3Client s3;

    @Inject
    ObjectMapper json;

    @TestHTTPResource("/api/uploads")
    URI uploadsUri;

    @Test
    void rawUploadIsStoredRecordedAndAnnounced() throws Exception {
        byte[] file = TestFiles.productsSample();

        Response response = given().contentType("text/csv").queryParam("filename", "products-sample.csv").body(file)
                .when().post("/api/uploads");

        String id = assertAccepted(response);
        int chunks = assertStored(id, "products-sample.csv", "uploads/" + id + "/products-sample.csv", file, 499);
        // 89,762 bytes at lfp.upload.chunk-size-bytes=16384 in tests
        assertEquals(6, chunks);
    }

    @Test
    void octetStreamBodyIsAcceptedWithDefaultName() throws Exception {
        byte[] file = TestFiles.productsSample();

        Response response = given().contentType("application/octet-stream").body(file).when().post("/api/uploads");

        String id = assertAccepted(response);
        assertStored(id, "upload.csv", "uploads/" + id + "/upload.csv", file, 499);
    }

    @Test
    void multipartUploadIsStoredRecordedAndAnnounced() throws Exception {
        byte[] file = TestFiles.productsSample();

        Response response = given().multiPart("file", "my products (1).csv", file, "text/csv")
                .when().post("/api/uploads");

        String id = assertAccepted(response);
        assertStored(id, "my products (1).csv", "uploads/" + id + "/my_products__1_.csv", file, 499);
    }

    @Test
    void fileLargerThanOnePartArrivesByteIdentical() throws Exception {
        byte[] file = generatedCsv(12 * 1024 * 1024);

        Response response = given().contentType("text/csv").queryParam("filename", "big.csv").body(file)
                .when().post("/api/uploads");

        String id = assertAccepted(response);
        assertStored(id, "big.csv", "uploads/" + id + "/big.csv", file, Rfc4180Reader.read(
                new String(file, StandardCharsets.UTF_8)).size() - 1);
    }

    @Test
    void gzipBodyIsStoredDecompressed() throws Exception {
        byte[] file = TestFiles.productsSample();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(file);
        }

        Response response = given().contentType("application/gzip").queryParam("filename", "products.csv.gz")
                .body(gz.toByteArray()).when().post("/api/uploads");

        String id = assertAccepted(response);
        assertStored(id, "products.csv", "uploads/" + id + "/products.csv", file, 499);
    }

    @Test
    void uploadBrokenOffAfterTheFirstPartLeavesNothingBehind() throws Exception {
        long rowsBefore = uploadCount();
        List<String> objectsBefore = s3Keys(s3);
        double failedBefore = failedUploads();
        // two 8 MiB parts and a bit arrive, then the client dies: the first part is stored and its chunks
        // announced by then, so they must be called off and the parts deleted
        InputStream broken = new SequenceInputStream(new ByteArrayInputStream(generatedCsv(17 * 1024 * 1024)),
                new InputStream() {
                    @Override
                    public int read() throws IOException {
                        try {
                            Thread.sleep(3000); // the bytes before are sent and stored meanwhile
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        throw new IOException("client gave up");
                    }
                });
        HttpRequest request = HttpRequest.newBuilder(uploadsUri).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> broken)).build();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        assertThrows(IOException.class, () -> client.send(request, HttpResponse.BodyHandlers.discarding()));

        await().atMost(Duration.ofSeconds(30)).until(() -> failedUploads() > failedBefore);
        // the chunks of the stored part were announced while it streamed in; then they were called off
        List<ConsumerRecord<String, String>> aborts = new TestKafka().awaitRecords(Topics.UPLOAD_ABORTED, "", 1,
                Duration.ofSeconds(30));
        JsonNode abort = json.readTree(aborts.get(aborts.size() - 1).value());
        assertEquals(1, abort.get("version").asInt());
        assertTrue(abort.get("reason").asText().startsWith("Could not store the file: "), abort.toString());
        String abortedId = abort.get("uploadId").asText();
        assertTrue(new TestKafka().awaitRecords(Topics.INGEST_CHUNKS, abortedId + ":", 1, Duration.ofSeconds(30))
                .size() > 0,
                "chunks were announced before the break");
        assertEquals(rowsBefore, uploadCount());
        assertEquals(objectsBefore, s3Keys(s3));
        assertEquals(List.of(), s3.listMultipartUploads(b -> b.bucket(config("lfp.s3.bucket"))).uploads());
    }

    @Test
    void wrongHeaderIsRefusedAndNothingIsStored() throws Exception {
        long rowsBefore = uploadCount();
        List<String> objectsBefore = s3Keys(s3);

        Map<String, Object> body = given().contentType("text/csv").body("sku,name,description\r\nx-1,Bob,thing\r\n")
                .when().post("/api/uploads").then().statusCode(400).extract().as(Map.class);

        assertEquals(Map.of("error", "Wrong CSV header",
                "detail", "Expected header 'name,sku,description' but found 'sku,name,description'"), body);
        assertEquals(rowsBefore, uploadCount());
        assertEquals(objectsBefore, s3Keys(s3));
    }

    @Test
    void longWrongHeaderIsShownTruncated() {
        String header = "a,".repeat(300);
        Map<String, Object> body = given().contentType("text/csv").body(header + "\n1,2\n")
                .when().post("/api/uploads").then().statusCode(400).extract().as(Map.class);

        assertEquals(Map.of("error", "Wrong CSV header",
                "detail", "Expected header 'name,sku,description' but found '" + header.substring(0, 200) + "'"), body);
    }

    @Test
    void emptyBodyIsRefusedAndNothingIsStored() throws Exception {
        long rowsBefore = uploadCount();
        List<String> objectsBefore = s3Keys(s3);

        Map<String, Object> body = given().contentType("text/csv").body(new byte[0])
                .when().post("/api/uploads").then().statusCode(400).extract().as(Map.class);

        assertEquals(Map.of("error", "Empty file",
                "detail", "The file has no header line; expected 'name,sku,description'"), body);
        assertEquals(rowsBefore, uploadCount());
        assertEquals(objectsBefore, s3Keys(s3));
    }

    @Test
    void headerOnlyIsRefusedAndNothingIsStored() throws Exception {
        for (String file : List.of("name,sku,description\r\n", "name,sku,description", "\uFEFFname,sku,description\n")) {
            assertRefusedLeavingNothing(given().contentType("text/csv").body(file.getBytes(StandardCharsets.UTF_8)),
                    400, Map.of("error", "No data rows", "detail", "The file has a header but no data rows"));
        }
    }

    @Test
    void binaryAfterAValidHeaderIsRefusedAndNothingIsStored() throws Exception {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write("name,sku,description\n".getBytes(StandardCharsets.US_ASCII));
        png.write(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' });
        png.write(new byte[4096]);

        assertRefusedLeavingNothing(given().contentType("application/octet-stream").body(png.toByteArray()), 400,
                Map.of("error", "Not a text CSV file", "detail", "Byte 21 is not valid UTF-8; the first 65536 bytes "
                        + "of a CSV file must be UTF-8 text without NUL bytes"));
    }

    @Test
    void fileStartingWithNulBytesIsRefusedAsNotText() throws Exception {
        byte[] file = new byte[100];
        System.arraycopy("name,sku".getBytes(StandardCharsets.US_ASCII), 0, file, 10, 8);

        assertRefusedLeavingNothing(given().multiPart("file", "data.csv", file, "text/csv"), 400,
                Map.of("error", "Not a text CSV file", "detail", "Byte 0 is a NUL byte; the first 65536 bytes "
                        + "of a CSV file must be UTF-8 text without NUL bytes"));
    }

    @Test
    void nulByteInTheDataWithinTheFirst64KiBIsRefused() throws Exception {
        byte[] file = ("name,sku,description\nAnn,a-1,x\u0000y\n").getBytes(StandardCharsets.UTF_8);

        assertRefusedLeavingNothing(given().contentType("text/csv").body(file), 400,
                Map.of("error", "Not a text CSV file", "detail", "Byte 30 is a NUL byte; the first 65536 bytes "
                        + "of a CSV file must be UTF-8 text without NUL bytes"));
    }

    @Test
    void aLineWithoutEndPastTheChunkCapAfterTheFirstPartIsRefusedLeavingNothing() throws Exception {
        // the first part (8 MiB) is stored and its chunks announced before the endless line passes the cap:
        // chunk size 16384 + record limit 262144 + 2 in tests
        byte[] records = generatedCsv(9 * 1024 * 1024);
        long lines = 0;
        for (byte b : records) {
            lines += b == '\n' ? 1 : 0;
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(records);
        file.writeBytes(("Bob,b-1," + "y".repeat(400_000) + "\r\nCy,c-1,z\r\n").getBytes(StandardCharsets.UTF_8));

        assertRefusedLeavingNothing(given().contentType("text/csv").body(file.toByteArray()), 400,
                Map.of("error", "Line too long", "detail", "The record starting on line " + (lines + 1)
                        + " has no line end within 278530 bytes; a products CSV has one record per line, apart from"
                        + " line breaks in quoted fields"));
    }

    private void assertRefusedLeavingNothing(io.restassured.specification.RequestSpecification request, int status,
            Map<String, Object> expected) throws Exception {
        long rowsBefore = uploadCount();
        List<String> objectsBefore = s3Keys(s3);

        Map<String, Object> body = request.when().post("/api/uploads").then().statusCode(status).extract()
                .as(Map.class);

        assertEquals(expected, body);
        assertEquals(rowsBefore, uploadCount());
        assertEquals(objectsBefore, s3Keys(s3));
    }

    @Test
    void multipartWithoutFileIsRefused() {
        Map<String, Object> body = given().multiPart("other", "x").when().post("/api/uploads")
                .then().statusCode(400).extract().as(Map.class);

        assertEquals(Map.of("error", "Missing file", "detail", "The multipart form has no 'file' field"), body);
    }

    @Test
    void unsupportedContentTypeIs415WithJsonBody() {
        Map<String, Object> body = given().contentType("application/json").body("{}")
                .when().post("/api/uploads").then().statusCode(415).extract().as(Map.class);

        assertEquals(Map.of("error", "Unsupported Media Type", "detail", "Send the CSV as the body with Content-Type "
                + "text/csv, application/octet-stream or application/gzip, or as multipart/form-data with a 'file' field"),
                body);
    }

    @Test
    void unknownUploadIs404() {
        String id = "00000000-0000-0000-0000-000000000001";
        Map<String, Object> body = given().when().get("/api/uploads/" + id)
                .then().statusCode(404).extract().as(Map.class);
        assertEquals(Map.of("error", "Upload not found", "detail", "No upload with id " + id), body);
    }

    @Test
    void malformedUploadIdIs404() {
        Map<String, Object> body = given().when().get("/api/uploads/not-a-uuid")
                .then().statusCode(404).extract().as(Map.class);
        assertEquals(Map.of("error", "Upload not found", "detail", "No upload with id not-a-uuid"), body);
    }

    @Test
    void listShowsNewestFirst() {
        byte[] file = "name,sku,description\r\nBob,b-1,thing\r\n".getBytes(StandardCharsets.UTF_8);
        String first = assertAccepted(given().contentType("text/csv").queryParam("filename", "first.csv").body(file)
                .when().post("/api/uploads"));
        String second = assertAccepted(given().contentType("text/csv").queryParam("filename", "second.csv").body(file)
                .when().post("/api/uploads"));

        List<Map<String, Object>> list = given().queryParam("limit", 2).when().get("/api/uploads")
                .then().statusCode(200).extract().jsonPath().getList("$");

        assertEquals(2, list.size());
        assertEquals(second, list.get(0).get("id"));
        assertEquals("second.csv", list.get(0).get("filename"));
        assertEquals(first, list.get(1).get("id"));
        assertEquals(UPLOAD_FIELDS, list.get(0).keySet());
        assertTrue(((Number) list.get(0).get("seq")).longValue() > ((Number) list.get(1).get("seq")).longValue());
    }

    @Test
    void metricsAndHealthAreServedOnTheManagementInterfaceOnly() {
        given().when().get(Management.url("/q/health/ready")).then().statusCode(200);
        String metrics = Management.metrics();
        assertTrue(metrics.contains("lfp_uploads_accepted_total"), "accepted counter exported");
        given().when().get("/q/metrics").then().statusCode(404);
        given().when().get("/q/health/ready").then().statusCode(404);
    }

    private double failedUploads() {
        String metrics = Management.metrics();
        return metrics.lines().filter(line -> line.startsWith("lfp_uploads_failed_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** 202, the exact body shape, and the Location header; returns the id. */
    private static String assertAccepted(Response response) {
        response.then().statusCode(202).contentType("application/json");
        Map<String, Object> body = response.as(Map.class);
        String id = (String) body.get("id");
        assertTrue(id.matches(UUID_PATTERN), "id is a UUID: " + id);
        assertEquals(Map.of("id", id, "status", "QUEUED", "statusUrl", "/api/uploads/" + id), body);
        assertTrue(response.header("Location").endsWith("/api/uploads/" + id), response.header("Location"));
        return id;
    }

    /**
     * The S3 object, the uploads row, the FileUploaded event, the ChunkReady events and GET /api/uploads/{id}
     * all agree. Returns the number of chunks.
     */
    private int assertStored(String id, String filename, String key, byte[] file, long records) throws Exception {
        String bucket = config("lfp.s3.bucket");
        assertEquals(TestFiles.sha256(file), s3PartsSha256(s3, key), "the parts in S3 are the file, byte for byte");

        Map<String, Object> row = uploadRow(id);
        assertEquals("QUEUED", row.get("status"));
        assertEquals(filename, row.get("filename"));
        assertEquals(bucket, row.get("bucket"));
        assertEquals(key, row.get("object_key"));
        assertEquals((long) file.length, row.get("size_bytes"));
        for (String counter : List.of("bytes_read", "rows_read", "rows_loaded", "rows_rejected", "products_written")) {
            assertEquals(0L, row.get(counter), counter);
        }
        assertNull(row.get("error"));
        assertNull(row.get("started_at"));
        assertNull(row.get("finished_at"));
        assertNull(row.get("aggregated_at"));
        assertEquals("HTTP", row.get("source"));
        assertEquals(records, row.get("records_total"));
        assertEquals(0, row.get("chunks_done"));
        assertEquals(0, row.get("chunks_failed"));
        assertNull(row.get("request_key"));
        int chunksTotal = (Integer) row.get("chunks_total");
        long seq = (Long) row.get("seq");
        Instant createdAt = ((OffsetDateTime) row.get("created_at")).toInstant();

        ConsumerRecord<String, String> record = new TestKafka().awaitRecord(Topics.FILE_UPLOADED, id,
                Duration.ofSeconds(30));
        JsonNode event = json.readTree(record.value());
        assertEquals(Set.of("version", "uploadId", "uploadSeq", "bucket", "key", "filename", "sizeBytes", "uploadedAt",
                "chunksTotal", "recordsTotal"), fieldNames(event));
        assertEquals(2, event.get("version").asInt());
        assertEquals(chunksTotal, event.get("chunksTotal").asInt());
        assertEquals(records, event.get("recordsTotal").asLong());
        assertEquals(id, event.get("uploadId").asText());
        assertEquals(seq, event.get("uploadSeq").asLong());
        assertEquals(bucket, event.get("bucket").asText());
        assertEquals(key, event.get("key").asText());
        assertEquals(filename, event.get("filename").asText());
        assertEquals(file.length, event.get("sizeBytes").asLong());
        assertEquals(createdAt, Instant.parse(event.get("uploadedAt").asText()));

        Map<String, Object> view = given().when().get("/api/uploads/" + id).then().statusCode(200).extract()
                .as(Map.class);
        assertEquals(UPLOAD_FIELDS, view.keySet());
        assertEquals(List.of(), view.get("failedChunks"));
        assertEquals(false, view.get("retryable"));
        assertEquals(0, ((Number) view.get("retries")).intValue());
        assertEquals(TestSupport.USER, view.get("uploadedBy"));
        assertEquals(id, view.get("id"));
        assertEquals(seq, ((Number) view.get("seq")).longValue());
        assertEquals(filename, view.get("filename"));
        assertEquals("QUEUED", view.get("status"));
        assertEquals((long) file.length, ((Number) view.get("sizeBytes")).longValue());
        assertEquals(0, ((Number) view.get("rowsRead")).intValue());
        assertEquals(createdAt, Instant.parse((String) view.get("createdAt")));
        assertNull(view.get("error"));
        assertNull(view.get("startedAt"));
        assertNull(view.get("finishedAt"));
        assertNull(view.get("aggregatedAt"));
        assertEquals(chunksTotal, view.get("chunksTotal"));
        assertEquals(0, view.get("chunksDone"));
        assertEquals(0, view.get("chunksFailed"));
        assertEquals(records, ((Number) view.get("recordsTotal")).longValue());
        assertEquals("HTTP", view.get("source"));
        assertEquals(0.0, ((Number) view.get("rowsPerSecond")).doubleValue());
        assertNull(view.get("etaSeconds"));

        assertEquals(chunksTotal, ChunkEventsAssert.assertChunks(s3, json, id, seq, bucket, key, file, chunksTotal));
        return chunksTotal;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A valid products CSV of about {@code size} bytes, with CRLF record ends and quoted LF inside. */
    private static byte[] generatedCsv(int size) {
        StringBuilder csv = new StringBuilder(size + 200).append("name,sku,description\r\n");
        for (int i = 0; csv.length() < size; i++) {
            csv.append("Name ").append(i % 977).append(",sku-").append(i)
                    .append(",\"Line one, with comma\nline two \"\"quoted\"\"\"\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }
}
