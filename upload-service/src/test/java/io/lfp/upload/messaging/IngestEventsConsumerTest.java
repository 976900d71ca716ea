package io.lfp.upload.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import io.lfp.events.Topics;
import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.security.RoleHierarchyAugmentor;
import io.lfp.security.Roles;
import io.lfp.testing.TestKafka;
import io.lfp.upload.TestSupport;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** Events published the way the ingest-worker and aggregate-service publish them (JSON, key = upload id). */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@TestSecurity(user = TestSupport.USER, roles = Roles.UPLOADER, augmentors = RoleHierarchyAugmentor.class)
class IngestEventsConsumerTest {

    private static final String FILE = "name,sku,description\r\nBob,b-1,thing\r\nAnn,a-1,other\r\n";
    private static final Instant STARTED = Instant.parse("2030-01-02T03:04:05.123456Z");
    private static final Instant PROGRESS_AT = Instant.parse("2030-01-02T03:04:06Z");
    private static final Instant FINISHED = Instant.parse("2030-01-02T03:04:09.5Z");
    private static final Instant AGGREGATED = Instant.parse("2030-01-02T03:04:10.25Z");

    private final TestKafka kafka = new TestKafka();

    @Test
    void progressThenFinishedThenAggregatesGiveTheFinishedStateAndALateProgressChangesNothing() throws Exception {
        String id = upload();
        long size = FILE.getBytes(StandardCharsets.UTF_8).length;

        send(Topics.INGEST_PROGRESS, id, progress(id, 30, 1, 1, 0, 1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Object> view = view(id);
            assertEquals("INGESTING", view.get("status"));
            assertEquals(30, number(view, "bytesRead"));
            assertEquals(1, number(view, "rowsRead"));
            assertEquals(STARTED, instant(view, "startedAt"));
        });

        send(Topics.INGEST_FINISHED, id, """
                {"version":1,"uploadId":"%s","state":"COMPLETED_WITH_ERRORS","rowsRead":2,"rowsLoaded":1,
                 "rowsRejected":1,"productsWritten":1,"startedAt":"%s","finishedAt":"%s","error":null}"""
                .formatted(id, STARTED, FINISHED));
        send(Topics.AGGREGATES_CHANGED, id, """
                {"version":1,"uploadId":"%s","products":1234,"names":1000,"changedAt":"%s"}"""
                .formatted(id, AGGREGATED));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Object> view = view(id);
            assertEquals("COMPLETED_WITH_ERRORS", view.get("status"));
            assertEquals(AGGREGATED, instant(view, "aggregatedAt"));
        });
        Map<String, Object> finished = view(id);
        assertEquals(size, number(finished, "bytesRead"), "a completed job has read the whole object");
        assertEquals(size, number(finished, "sizeBytes"));
        assertEquals(2, number(finished, "rowsRead"));
        assertEquals(1, number(finished, "rowsLoaded"));
        assertEquals(1, number(finished, "rowsRejected"));
        assertEquals(1, number(finished, "productsWritten"));
        assertNull(finished.get("error"));
        assertEquals(STARTED, instant(finished, "startedAt"));
        assertEquals(FINISHED, instant(finished, "finishedAt"));

        // a progress event that arrives after the end must neither reopen the upload nor lower a counter
        RecordMetadata late = send(Topics.INGEST_PROGRESS, id, progress(id, 10, 1, 0, 0, 0));
        awaitConsumed(late);
        assertEquals(finished, view(id));
    }

    @Test
    void chunkCountersRateAndEtaFollowV2Events() throws Exception {
        String id = upload();
        Instant started = Instant.now().minusSeconds(100).truncatedTo(java.time.temporal.ChronoUnit.MICROS);

        send(Topics.INGEST_PROGRESS, id, """
                {"version":2,"uploadId":"%s","state":"INGESTING","bytesRead":20,"bytesTotal":40,"rowsRead":1000,
                 "rowsLoaded":1000,"rowsRejected":0,"productsWritten":990,"startedAt":"%s","at":"%s",
                 "chunksTotal":8,"chunksDone":2,"chunksFailed":0,"recordsTotal":4000}"""
                .formatted(id, started, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> number(view(id), "chunksDone") == 2);
        Map<String, Object> running = view(id);
        assertEquals("INGESTING", running.get("status"));
        assertEquals(8, number(running, "chunksTotal"));
        assertEquals(0, number(running, "chunksFailed"));
        assertEquals(4000, number(running, "recordsTotal"));
        double rate = ((Number) running.get("rowsPerSecond")).doubleValue();
        // 1000 rows in a bit more than 100 s
        assertTrue(rate > 5 && rate <= 10, "rate " + rate);
        assertEquals(Math.round(3000 / rate), number(running, "etaSeconds"));

        // an older progress event lowers nothing
        send(Topics.INGEST_PROGRESS, id, """
                {"version":2,"uploadId":"%s","state":"INGESTING","bytesRead":10,"bytesTotal":40,"rowsRead":500,
                 "rowsLoaded":500,"rowsRejected":0,"productsWritten":500,"startedAt":"%s","at":"%s",
                 "chunksTotal":8,"chunksDone":1,"chunksFailed":0,"recordsTotal":4000}"""
                .formatted(id, started, Instant.now()));
        Instant finished = started.plusSeconds(80);
        RecordMetadata end = send(Topics.INGEST_FINISHED, id, """
                {"version":2,"uploadId":"%s","state":"FAILED","rowsRead":3600,"rowsLoaded":3600,"rowsRejected":0,
                 "productsWritten":3500,"startedAt":"%s","finishedAt":"%s","error":"1 chunk failed",
                 "chunksTotal":8,"chunksFailed":1}""".formatted(id, started, finished));
        awaitConsumed(end);

        Map<String, Object> done = view(id);
        assertEquals("FAILED", done.get("status"));
        assertEquals("1 chunk failed", done.get("error"));
        assertEquals(8, number(done, "chunksTotal"));
        assertEquals(7, number(done, "chunksDone"));
        assertEquals(1, number(done, "chunksFailed"));
        assertEquals(3600, number(done, "rowsRead"));
        assertEquals(45.0, ((Number) done.get("rowsPerSecond")).doubleValue(), "3600 rows in 80 s");
        assertEquals(0, number(done, "etaSeconds"));

        // a final state never changes again
        RecordMetadata again = send(Topics.INGEST_FINISHED, id, """
                {"version":2,"uploadId":"%s","state":"COMPLETED","rowsRead":3600,"rowsLoaded":3600,"rowsRejected":0,
                 "productsWritten":3500,"startedAt":"%s","finishedAt":"%s","error":null,
                 "chunksTotal":8,"chunksFailed":0}""".formatted(id, started, finished.plusSeconds(5)));
        awaitConsumed(again);
        assertEquals(done, view(id));
    }

    @Test
    void failedJobShowsItsError() throws Exception {
        String id = upload();

        send(Topics.INGEST_PROGRESS, id, progress(id, 20, 1, 1, 0, 1));
        send(Topics.INGEST_FINISHED, id, """
                {"version":1,"uploadId":"%s","state":"FAILED","rowsRead":1,"rowsLoaded":1,"rowsRejected":0,
                 "productsWritten":1,"startedAt":"%s","finishedAt":"%s","error":"S3 object vanished"}"""
                .formatted(id, STARTED, FINISHED));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Object> view = view(id);
            assertEquals("FAILED", view.get("status"));
            assertEquals("S3 object vanished", view.get("error"));
            assertEquals(FINISHED, instant(view, "finishedAt"));
            assertEquals(1, number(view, "rowsRead"));
            assertNull(view.get("aggregatedAt"));
        });
    }

    @Test
    void eventsForUnknownUploadsAreIgnored() throws Exception {
        String unknown = "00000000-0000-0000-0000-0000000000ff";
        RecordMetadata sent = send(Topics.INGEST_FINISHED, unknown, """
                {"version":1,"uploadId":"%s","state":"COMPLETED","rowsRead":1,"rowsLoaded":1,"rowsRejected":0,
                 "productsWritten":1,"startedAt":"%s","finishedAt":"%s","error":null}"""
                .formatted(unknown, STARTED, FINISHED));
        awaitConsumed(sent);

        given().when().get("/api/uploads/" + unknown).then().statusCode(404);
        // and the channel still works afterwards
        String id = upload();
        send(Topics.INGEST_PROGRESS, id, progress(id, 5, 1, 1, 0, 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> "INGESTING".equals(view(id).get("status")));
    }

    private static String upload() {
        return given().contentType("text/csv").queryParam("filename", "events.csv").body(FILE)
                .when().post("/api/uploads").then().statusCode(202).extract().path("id");
    }

    private static String progress(String id, long bytesRead, long rowsRead, long rowsLoaded, long rowsRejected,
            long productsWritten) {
        return """
                {"version":1,"uploadId":"%s","state":"INGESTING","bytesRead":%d,"bytesTotal":1000,"rowsRead":%d,
                 "rowsLoaded":%d,"rowsRejected":%d,"productsWritten":%d,"startedAt":"%s","at":"%s"}"""
                .formatted(id, bytesRead, rowsRead, rowsLoaded, rowsRejected, productsWritten, STARTED, PROGRESS_AT);
    }

    private RecordMetadata send(String topic, String key, String value) {
        return kafka.sendRaw(topic, key, value);
    }

    /** Waits until the service's consumer group has committed past the record, i.e. has handled it. */
    private void awaitConsumed(RecordMetadata record) {
        kafka.awaitConsumed("upload-service", record);
    }

    private static Map<String, Object> view(String id) {
        return given().when().get("/api/uploads/" + id).then().statusCode(200).extract().as(Map.class);
    }

    private static long number(Map<String, Object> view, String field) {
        return ((Number) view.get(field)).longValue();
    }

    private static Instant instant(Map<String, Object> view, String field) {
        Object value = view.get(field);
        return value == null ? null : Instant.parse((String) value);
    }
}
