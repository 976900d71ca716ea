package io.lfp.dashboard.it;

import static io.lfp.dashboard.it.Api.assertJson;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.lfp.events.AggregatesChanged;
import io.lfp.events.FileUploaded;
import io.lfp.events.IngestFinished;
import io.lfp.events.IngestProgressed;
import io.lfp.events.IngestState;
import io.lfp.events.Topics;
import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.testing.Management;
import io.lfp.testing.Sql;
import io.lfp.testing.TestKafka;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** GET /api/uploads/stream: what a browser receives when Kafka events arrive. */
@QuarkusTest
@TestSecurity(user = "tester", roles = "viewer")
@WithTestResource(LocalInfraTestResource.class)
class UploadStreamTest {

    private static final Duration EVENT_WAIT = Duration.ofSeconds(30);
    private static final String ID = Catalog.RUNNING_UPLOAD.toString();
    private static final Instant STARTED = Catalog.T0.plusSeconds(61);

    @Inject
    ObjectMapper json;

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void freshData() {
        Catalog.load();
        redis.flushall();
    }

    @Test
    void sendsTheUploadsOnConnectThenEachProgressAsItHappens() throws Exception {
        try (SseClient stream = SseClient.open("/api/uploads/stream")) {
            SseClient.Event first = stream.next(EVENT_WAIT);
            assertEquals("uploads", first.name());
            assertTrue(stream.contentType().startsWith("text/event-stream"), stream.contentType());
            assertJson("{\"items\":[" + Catalog.RUNNING_UPLOAD_JSON + "," + Catalog.FIRST_UPLOAD_JSON
                    + "],\"cache\":\"online\"}", Catalog.withoutClockFields(json, first.data()));

            new TestKafka(json).send(Topics.INGEST_PROGRESS, ID, new IngestProgressed(IngestProgressed.VERSION, ID,
                    IngestState.INGESTING, 1500, 2000, 15, 14, 1, 14, STARTED, STARTED.plusSeconds(5), 4, 3, 0, 20));
            SseClient.Event progress = stream.next(EVENT_WAIT);
            assertEquals("upload", progress.name());
            // Exactly the item GET /api/uploads now lists: 15 rows 5 s after the start, 3 rows/s, 5 left.
            assertEquals("{\"id\":\"00000000-0000-0000-0000-000000000002\",\"filename\":\"products-b.csv\","
                    + "\"status\":\"INGESTING\",\"sizeBytes\":2000,\"bytesRead\":1500,\"rowsRead\":15,"
                    + "\"rowsLoaded\":14,\"rowsRejected\":1,\"productsWritten\":14,\"error\":null,"
                    + "\"createdAt\":\"2026-01-01T10:01:00Z\",\"startedAt\":\"2026-01-01T10:01:01Z\","
                    + "\"finishedAt\":null,\"aggregatedAt\":null,\"chunksTotal\":4,\"chunksDone\":3,"
                    + "\"chunksFailed\":0,\"recordsTotal\":20,\"rowsPerSecond\":3.0,\"etaSeconds\":2,"
                    + "\"durationSeconds\":5.0,\"uploadedBy\":\"bob\"}", progress.data());
            assertJson(progress.data(), json.readTree(Api.get("/api/uploads")).get("items").get(0)
                    .toString());

            new TestKafka(json).send(Topics.INGEST_FINISHED, ID, new IngestFinished(IngestFinished.VERSION, ID,
                    IngestState.COMPLETED, 20, 20, 0, 20, STARTED, STARTED.plusSeconds(10), null, 4, 0));
            SseClient.Event finished = stream.next(EVENT_WAIT);
            assertEquals("upload", finished.name());
            assertEquals("{\"id\":\"00000000-0000-0000-0000-000000000002\",\"filename\":\"products-b.csv\","
                    + "\"status\":\"COMPLETED\",\"sizeBytes\":2000,\"bytesRead\":2000,\"rowsRead\":20,"
                    + "\"rowsLoaded\":20,\"rowsRejected\":0,\"productsWritten\":20,\"error\":null,"
                    + "\"createdAt\":\"2026-01-01T10:01:00Z\",\"startedAt\":\"2026-01-01T10:01:01Z\","
                    + "\"finishedAt\":\"2026-01-01T10:01:11Z\",\"aggregatedAt\":null,\"chunksTotal\":4,"
                    + "\"chunksDone\":4,\"chunksFailed\":0,\"recordsTotal\":20,\"rowsPerSecond\":2.0,"
                    + "\"etaSeconds\":0,\"durationSeconds\":10.0,\"uploadedBy\":\"bob\"}", finished.data());

            // upload-service records the end and the aggregation, then aggregate-service announces it.
            Instant aggregated = STARTED.plusSeconds(11);
            Sql.update("""
                    UPDATE uploads SET status = 'COMPLETED', bytes_read = 2000, rows_read = 20, rows_loaded = 20,
                        products_written = 20, finished_at = ?, chunks_done = 4, aggregated_at = ? WHERE id = ?""",
                    STARTED.plusSeconds(10), aggregated, Catalog.RUNNING_UPLOAD);
            new TestKafka(json).send(Topics.AGGREGATES_CHANGED, ID,
                    new AggregatesChanged(AggregatesChanged.VERSION, ID, 8, 4, aggregated));
            SseClient.Event aggregatedUpload = stream.next(EVENT_WAIT);
            assertEquals("upload", aggregatedUpload.name());
            assertEquals(finished.data().replace("\"aggregatedAt\":null", "\"aggregatedAt\":\"2026-01-01T10:01:12Z\""),
                    aggregatedUpload.data());
            SseClient.Event summary = stream.next(EVENT_WAIT);
            assertEquals("summary", summary.name());
            String refreshedAt = json.readTree(redis.value(String.class).get("lfp:dashboard:summary"))
                    .get("refreshedAt").asText();
            assertEquals("{\"products\":8,\"names\":4,\"uploads\":2,\"cache\":\"online\",\"refreshedAt\":\""
                    + refreshedAt + "\"}", summary.data());
        }
        await().atMost(EVENT_WAIT).until(() -> streamClients() == 0);
    }

    @Test
    void aProductEditPushesOnlyTheNewTotals() throws Exception {
        try (SseClient stream = SseClient.open("/api/uploads/stream")) {
            assertEquals("uploads", stream.next(EVENT_WAIT).name());

            FixtureDb.product("NEW-1", "Sprocket", "created through the product API");
            FixtureDb.recomputeCounts();
            new TestKafka(json).send(Topics.AGGREGATES_CHANGED, null,
                    new AggregatesChanged(AggregatesChanged.VERSION, null, 9, 5, Instant.now()));
            SseClient.Event summary = stream.next(EVENT_WAIT);
            assertEquals("summary", summary.name());
            assertJson("{\"products\":9,\"names\":5,\"uploads\":2,\"cache\":\"online\",\"refreshedAt\":"
                    + json.writeValueAsString(json.readTree(summary.data()).get("refreshedAt").asText()) + "}",
                    summary.data());
            // No upload changed: no upload event follows.
            stream.assertNoEvent(Duration.ofSeconds(2));
        }
    }

    @Test
    void aNewUploadAppearsWithTheNewTotal() throws Exception {
        UUID id = UUID.fromString("00000000-0000-0000-0000-000000000003");
        Instant created = Catalog.T0.plusSeconds(120);
        try (SseClient stream = SseClient.open("/api/uploads/stream")) {
            assertEquals("uploads", stream.next(EVENT_WAIT).name());

            FixtureDb.upload(id, 3, "products-c.csv", "carol", "QUEUED", 3000, 0L, 0L, 0L, 0L, 0L, null, created, null, null,
                    null, 2, 0, 0, 30);
            new TestKafka(json).send(Topics.FILE_UPLOADED, id.toString(), FileUploaded.of(id.toString(), 3,
                    "lfp-uploads", "uploads/" + id, "products-c.csv", 3000, created, 2, 30));
            SseClient.Event upload = stream.next(EVENT_WAIT);
            assertEquals("upload", upload.name());
            assertJson("""
                    {"id":"00000000-0000-0000-0000-000000000003","filename":"products-c.csv","status":"QUEUED",
                     "sizeBytes":3000,"bytesRead":0,"rowsRead":0,"rowsLoaded":0,"rowsRejected":0,"productsWritten":0,
                     "error":null,"createdAt":"2026-01-01T10:02:00Z","startedAt":null,"finishedAt":null,
                     "aggregatedAt":null,"chunksTotal":2,"chunksDone":0,"chunksFailed":0,"recordsTotal":30,
                     "rowsPerSecond":0.0,"etaSeconds":null,"durationSeconds":null,"uploadedBy":"carol"}""",
                    upload.data());
            SseClient.Event summary = stream.next(EVENT_WAIT);
            assertEquals("summary", summary.name());
            assertEquals(3, json.readTree(summary.data()).get("uploads").asLong());
        }
    }

    @Test
    void keepAliveCommentsWhileNothingHappens() {
        // lfp.dashboard.stream-keep-alive is 1 s in tests (15 s by default).
        try (SseClient stream = SseClient.open("/api/uploads/stream")) {
            assertEquals("uploads", stream.next(EVENT_WAIT).name());
            await().atMost(EVENT_WAIT).until(() -> stream.comments().contains("keep-alive"));
        }
    }

    private static double streamClients() {
        String text = given().get(Management.url("/q/metrics")).then().statusCode(200).extract().asString();
        for (String line : text.split("\n")) {
            if (line.startsWith("dashboard_stream_clients")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no dashboard_stream_clients gauge");
    }
}
