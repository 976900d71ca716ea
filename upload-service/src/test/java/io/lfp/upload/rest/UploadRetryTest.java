package io.lfp.upload.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.lfp.events.RetryRequested;
import io.lfp.events.Topics;
import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.security.RoleHierarchyAugmentor;
import io.lfp.security.Roles;
import io.lfp.testing.ServiceSchemas;
import io.lfp.testing.Sql;
import io.lfp.testing.TestKafka;
import io.lfp.upload.TestSupport;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * The upload API as the one public place for an upload: failed chunks in GET, POST …/retry (202, 409, 404,
 * and the RetryRequested it publishes), and the rejected rows streamed as CSV from ingest-worker's table.
 * Job ends are sent the way the ingest-worker sends them (IngestFinished v3 JSON, key = upload id).
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@TestSecurity(user = TestSupport.USER, roles = Roles.UPLOADER, augmentors = RoleHierarchyAugmentor.class)
class UploadRetryTest {

    private static final String FILE = "name,sku,description\r\nBob,b-1,thing\r\nAnn,a-1,other\r\n";
    private static final String STARTED = "2030-01-02T03:04:05Z";
    private static final String FINISHED = "2030-01-02T03:04:09Z";
    private static final String CHUNK_ERROR = "chunk 2 of 3 failed after 4 attempts: Object not found: s3://b/k";

    private final TestKafka kafka = new TestKafka();

    @Test
    void aFailedRetryableUploadShowsItsFailedChunksAndARetryReopensItOnce() throws Exception {
        String id = upload();
        awaitConsumed(send(Topics.INGEST_FINISHED, id, failed(id, true, 0)));

        given().get("/api/uploads/{id}", id).then().statusCode(200)
                .body("status", equalTo("FAILED"))
                .body("error", equalTo(CHUNK_ERROR))
                .body("chunksFailed", equalTo(1))
                .body("retryable", equalTo(true))
                .body("retries", equalTo(0))
                .body("failedChunks", equalTo(List.of(Map.of("chunkIndex", 1, "firstRecord", 4, "lastRecord", 6,
                        "firstLine", 5, "lastLine", 7, "error", CHUNK_ERROR))));
        // the list shows the same
        given().get("/api/uploads").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.failedChunks[0].lastLine", equalTo(7))
                .body("find { it.id == '" + id + "' }.retryable", equalTo(true));

        given().post("/api/uploads/{id}/retry", id).then().statusCode(202)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/uploads/" + id))
                .body(equalTo("{\"id\":\"" + id + "\",\"status\":\"INGESTING\",\"statusUrl\":\"/api/uploads/" + id
                        + "\"}"));
        ConsumerRecord<String, String> request = new TestKafka().awaitRecord(Topics.INGEST_RETRY_REQUESTED, id,
                Duration.ofSeconds(30));
        RetryRequested retry = new ObjectMapper().findAndRegisterModules().readValue(request.value(),
                RetryRequested.class);
        assertEquals(new RetryRequested(1, id, 1, retry.requestedAt()), retry);
        given().get("/api/uploads/{id}", id).then().statusCode(200)
                .body("status", equalTo("INGESTING"))
                .body("error", equalTo(null))
                .body("finishedAt", equalTo(null))
                .body("chunksFailed", equalTo(0))
                .body("retryable", equalTo(false))
                .body("retries", equalTo(1))
                .body("failedChunks", equalTo(List.of()));

        // while it runs: a second retry is refused, and the first run's end announced again changes nothing
        given().post("/api/uploads/{id}/retry", id).then().statusCode(409)
                .body(equalTo("{\"error\":\"Upload not failed\",\"detail\":\"Upload " + id
                        + " is INGESTING: only a FAILED upload can be retried\"}"));
        awaitConsumed(send(Topics.INGEST_FINISHED, id, failed(id, true, 0)));
        given().get("/api/uploads/{id}", id).then().statusCode(200).body("status", equalTo("INGESTING"));

        awaitConsumed(send(Topics.INGEST_FINISHED, id, """
                {"version":3,"uploadId":"%s","state":"COMPLETED","rowsRead":9,"rowsLoaded":9,"rowsRejected":0,
                 "productsWritten":9,"startedAt":"%s","finishedAt":"%s","error":null,"chunksTotal":3,
                 "chunksFailed":0,"failedChunks":[],"retryable":false,"retries":1}""".formatted(id, STARTED,
                FINISHED)));
        given().get("/api/uploads/{id}", id).then().statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("rowsLoaded", equalTo(9))
                .body("chunksDone", equalTo(3))
                .body("chunksFailed", equalTo(0))
                .body("failedChunks", equalTo(List.of()));
        given().post("/api/uploads/{id}/retry", id).then().statusCode(409)
                .body(equalTo("{\"error\":\"Upload not failed\",\"detail\":\"Upload " + id
                        + " is COMPLETED: only a FAILED upload can be retried\"}"));
    }

    @Test
    void aFailedUploadWithNothingKeptAndUnknownIdsAreRefused() throws Exception {
        String id = upload();
        awaitConsumed(send(Topics.INGEST_FINISHED, id, failed(id, false, 0)));
        given().post("/api/uploads/{id}/retry", id).then().statusCode(409)
                .body(equalTo("{\"error\":\"Nothing kept to retry\",\"detail\":\"Upload " + id
                        + " failed and nothing of it was kept to retry: upload the file again\"}"));
        given().get("/api/uploads/{id}", id).then().statusCode(200).body("status", equalTo("FAILED"));

        String unknown = UUID.randomUUID().toString();
        given().post("/api/uploads/{id}/retry", unknown).then().statusCode(404)
                .body(equalTo("{\"error\":\"Upload not found\",\"detail\":\"No upload with id " + unknown + "\"}"));
        given().post("/api/uploads/{id}/retry", "not-an-id").then().statusCode(404)
                .body(equalTo("{\"error\":\"Upload not found\",\"detail\":\"No upload with id not-an-id\"}"));
    }

    @Test
    void rejectedRowsAreStreamedAsCsvFromTheWorkersTable() throws Exception {
        String id = upload();
        // ingest-worker's table and its grant to this service, by ingest-worker's own migrations
        ServiceSchemas.migrate("ingest-worker");
        given().get("/api/uploads/{id}/rejected", id).then().statusCode(200)
                .header("Content-Type", "text/csv;charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"rejected-rows.csv\"")
                .body(equalTo("record_number,line_number,reason,raw_text\r\n"));

        // more than one page (1000 rows), inserted out of order; fields that need quoting
        StringBuilder expected = new StringBuilder("record_number,line_number,reason,raw_text\r\n");
        try (Connection c = Sql.connect();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO rejected_rows VALUES (?::uuid, ?, ?, ?, ?)")) {
            for (int i = 2500; i >= 1; i--) {
                ps.setString(1, id);
                ps.setLong(2, i);
                ps.setLong(3, i + 1);
                ps.setString(4, i % 2 == 0 ? "Empty sku" : "Expected 3 fields, found 2");
                ps.setString(5, i % 3 == 0 ? "Zoë,\"27\" monitor\"\nnext" : "plain-" + i);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        for (int i = 1; i <= 2500; i++) {
            expected.append(i).append(',').append(i + 1).append(',')
                    .append(i % 2 == 0 ? "Empty sku" : "\"Expected 3 fields, found 2\"").append(',')
                    .append(i % 3 == 0 ? "\"Zoë,\"\"27\"\" monitor\"\"\nnext\"" : "plain-" + i).append("\r\n");
        }
        String body = given().get("/api/uploads/{id}/rejected", id).then().statusCode(200)
                .header("Content-Disposition", "attachment; filename=\"rejected-rows.csv\"")
                .extract().asString();
        assertEquals(expected.toString(), body);

        String unknown = UUID.randomUUID().toString();
        given().get("/api/uploads/{id}/rejected", unknown).then().statusCode(404)
                .body("error", equalTo("Upload not found"))
                .body("detail", equalTo("No upload with id " + unknown));
    }

    private static String failed(String id, boolean retryable, int retries) {
        return """
                {"version":3,"uploadId":"%s","state":"FAILED","rowsRead":6,"rowsLoaded":6,"rowsRejected":0,
                 "productsWritten":0,"startedAt":"%s","finishedAt":"%s","error":"%s","chunksTotal":3,
                 "chunksFailed":1,"failedChunks":[{"chunkIndex":1,"firstRecord":4,"lastRecord":6,"firstLine":5,
                 "lastLine":7,"error":"%s"}],"retryable":%s,"retries":%d}"""
                .formatted(id, STARTED, FINISHED, CHUNK_ERROR, CHUNK_ERROR, retryable, retries);
    }

    private static String upload() {
        return given().contentType("text/csv").queryParam("filename", "retry.csv").body(FILE)
                .when().post("/api/uploads").then().statusCode(202).extract().path("id");
    }

    private RecordMetadata send(String topic, String key, String value) {
        return kafka.sendRaw(topic, key, value);
    }

    /** Waits until the service's consumer group has committed past the record, i.e. has handled it. */
    private void awaitConsumed(RecordMetadata record) {
        kafka.awaitConsumed("upload-service", record);
    }
}
