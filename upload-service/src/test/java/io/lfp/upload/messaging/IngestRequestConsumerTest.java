package io.lfp.upload.messaging;

import static io.lfp.upload.TestSupport.config;
import static io.lfp.upload.TestSupport.uploadRow;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lfp.events.IngestRequested;
import io.lfp.events.Topics;
import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.security.RoleHierarchyAugmentor;
import io.lfp.security.Roles;
import io.lfp.testing.Sql;
import io.lfp.testing.TestFiles;
import io.lfp.testing.TestKafka;
import io.lfp.upload.ChunkEventsAssert;
import io.lfp.upload.TestSupport;
import io.lfp.upload.domain.Upload;
import io.lfp.upload.service.RequestedIngestService;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** IngestRequested events published like another system would (JSON, key = bucket/key) for objects the test put in S3. */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@TestSecurity(user = TestSupport.USER, roles = Roles.UPLOADER, augmentors = RoleHierarchyAugmentor.class)
class IngestRequestConsumerTest {

    @Inject
    S3Client s3;

    @Inject
    ObjectMapper json;

    @Inject
    RequestedIngestService service;

    private String bucket;

    @BeforeEach
    void setUp() {
        bucket = config("lfp.s3.bucket");
    }

    @Test
    void requestedObjectIsPlannedAndAnnouncedInPlaceAndARedeliveryCreatesNoSecondUpload() throws Exception {
        byte[] file = TestFiles.productsSample();
        String key = "incoming/" + UUID.randomUUID() + "/products-2030-01-02.csv";
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(file));

        RecordMetadata sent = request(bucket, key, null);
        String id = awaitUpload(sent);
        await().atMost(Duration.ofSeconds(30)).until(() -> uploadRow(id).get("chunks_total").equals(6));

        Map<String, Object> row = uploadRow(id);
        assertEquals("KAFKA", row.get("source"));
        assertEquals("kafka:ingest-requested", row.get("uploaded_by"), "no person made it");
        assertEquals("QUEUED", row.get("status"));
        assertEquals("products-2030-01-02.csv", row.get("filename"));
        assertEquals(bucket, row.get("bucket"));
        assertEquals(key, row.get("object_key"), "the object is used where it is, not copied");
        assertEquals((long) file.length, row.get("size_bytes"));
        assertEquals(499L, row.get("records_total"));
        assertNull(row.get("error"));
        long seq = (Long) row.get("seq");

        ConsumerRecord<String, String> record = new TestKafka().awaitRecord(Topics.FILE_UPLOADED, id,
                Duration.ofSeconds(30));
        JsonNode event = json.readTree(record.value());
        assertEquals(2, event.get("version").asInt());
        assertEquals(seq, event.get("uploadSeq").asLong());
        assertEquals(bucket, event.get("bucket").asText());
        assertEquals(key, event.get("key").asText());
        assertEquals("products-2030-01-02.csv", event.get("filename").asText());
        assertEquals(file.length, event.get("sizeBytes").asLong());
        assertEquals(((OffsetDateTime) row.get("created_at")).toInstant(),
                Instant.parse(event.get("uploadedAt").asText()));
        assertEquals(6, event.get("chunksTotal").asInt());
        assertEquals(499, event.get("recordsTotal").asLong());
        ChunkEventsAssert.assertChunks(s3, json, id, seq, bucket, key, file, 6);

        Map<String, Object> view = given().when().get("/api/uploads/" + id).then().statusCode(200).extract()
                .as(Map.class);
        assertEquals("KAFKA", view.get("source"));
        assertEquals("kafka:ingest-requested", view.get("uploadedBy"));
        assertEquals(6, view.get("chunksTotal"));

        // the same Kafka record delivered again (as after a crash before the offset commit): same upload
        String requestKey = IngestRequestConsumer.requestKey(sent.topic(), sent.partition(), sent.offset());
        Upload again = service.ingest(new IngestRequested(1, bucket, key, null), requestKey);
        assertEquals(id, again.id().toString());
        assertEquals(1, uploadsOf(key));
    }

    @Test
    void givenFilenameIsShown() throws Exception {
        String key = "incoming/" + UUID.randomUUID() + "/x";
        s3.putObject(b -> b.bucket(bucket).key(key),
                RequestBody.fromString("name,sku,description\nAnn,a-1,thing\n", StandardCharsets.UTF_8));

        String id = awaitUpload(request(bucket, key, "Spring catalogue.csv"));

        await().atMost(Duration.ofSeconds(30)).until(() -> uploadRow(id).get("chunks_total").equals(1));
        assertEquals("Spring catalogue.csv", uploadRow(id).get("filename"));
    }

    @Test
    void missingObjectFailsTheUpload() throws Exception {
        String key = "incoming/" + UUID.randomUUID() + "/missing.csv";

        String id = awaitUpload(request(bucket, key, null));

        assertFailed(id, "Object not found: s3://" + bucket + "/" + key);
    }

    @Test
    void wrongHeaderFailsTheUpload() throws Exception {
        String key = "incoming/" + UUID.randomUUID() + "/wrong.csv";
        s3.putObject(b -> b.bucket(bucket).key(key),
                RequestBody.fromString("sku;name\r\nx;y\r\n", StandardCharsets.UTF_8));

        String id = awaitUpload(request(bucket, key, null));

        assertFailed(id, "Wrong CSV header: expected 'name,sku,description' but found 'sku;name'");
    }

    @Test
    void headerOnlyAndBinaryObjectsFailTheUpload() throws Exception {
        String headerOnly = "incoming/" + UUID.randomUUID() + "/empty.csv";
        s3.putObject(b -> b.bucket(bucket).key(headerOnly),
                RequestBody.fromString("name,sku,description\r\n", StandardCharsets.UTF_8));
        String binary = "incoming/" + UUID.randomUUID() + "/data.bin";
        s3.putObject(b -> b.bucket(bucket).key(binary), RequestBody.fromBytes(new byte[1000]));

        assertFailed(awaitUpload(request(bucket, headerOnly, null)),
                "No data rows: The file has a header but no data rows");
        assertFailed(awaitUpload(request(bucket, binary, null)), "Not a text CSV file: Byte 0 is a NUL byte; "
                + "the first 65536 bytes of a CSV file must be UTF-8 text without NUL bytes");
    }

    private void assertFailed(String id, String error) {
        await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(uploadRow(id).get("status")));
        Map<String, Object> view = given().when().get("/api/uploads/" + id).then().statusCode(200).extract()
                .as(Map.class);
        assertEquals("FAILED", view.get("status"));
        assertEquals(error, view.get("error"));
        assertEquals("KAFKA", view.get("source"));
        assertEquals(0, view.get("chunksTotal"), "no chunk announced");
    }

    private RecordMetadata request(String bucket, String key, String filename) {
        return new TestKafka(json).send(Topics.INGEST_REQUESTED, bucket + "/" + key,
                new IngestRequested(IngestRequested.VERSION, bucket, key, filename));
    }

    /** The id of the upload the service made for this request (it stores where it read the request). */
    private static String awaitUpload(RecordMetadata sent) {
        String requestKey = IngestRequestConsumer.requestKey(sent.topic(), sent.partition(), sent.offset());
        return await().atMost(Duration.ofSeconds(30)).until(() -> uploadIdOf(requestKey), v -> v != null);
    }

    private static String uploadIdOf(String requestKey) {
        Object id = Sql.value("SELECT id FROM uploads WHERE request_key = ?", requestKey);
        return id == null ? null : id.toString();
    }

    private static long uploadsOf(String key) {
        return Sql.number("SELECT count(*) FROM uploads WHERE object_key = ?", key);
    }
}
