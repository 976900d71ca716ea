package io.lfp.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.lfp.events.ChunkReady;
import io.lfp.events.IngestFinished;
import io.lfp.events.IngestState;
import io.lfp.events.Topics;
import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.localinfra.LocalSecrets;
import io.lfp.security.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.lfp.localinfra.PoisonRecords;
import io.lfp.localinfra.PoisonRecords.DeadLetter;
import io.lfp.localinfra.PoisonRecords.Poison;
import io.lfp.localinfra.PoisonRecords;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Poison on every topic the ingest-worker reads, and chunks naming another bucket or a range past the end of
 * their file: each lands on the topic's dead-letter topic with its reason and is counted, nothing of them is
 * staged, and a valid upload after them loads exactly; readiness stays UP.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@WithTestResource(TestTokens.Resource.class)
class PoisonMessagesTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    S3Client s3;

    @Inject
    ObjectMapper json;

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void poisonOnEveryTopicIsDeadLetteredAndAValidUploadStillLoadsExactly() throws Exception {
        Map<String, Object> admin = LocalInfraTestResource.infra().kafkaClientProperties(LocalSecrets.KAFKA_ADMIN);
        String bucket = LocalInfraTestResource.infra().bucket();
        String before = metrics();
        Map<String, String> nonsense = Map.of(
                Topics.INGEST_CHUNKS, "ingest-chunks: expected 0 <= chunkIndex < chunksTotal",
                Topics.FILE_UPLOADED, "file-uploaded: uploadId is not a UUID",
                Topics.UPLOAD_ABORTED, "upload-aborted: uploadId is not a UUID",
                Topics.AGGREGATES_CHANGED, "aggregates-changed: uploadId is not a UUID",
                Topics.INGEST_RETRY_REQUESTED, "ingest-retry-requested: uploadId is not a UUID");
        Map<String, String> versions = Map.of(Topics.INGEST_CHUNKS, "v1 to v2", Topics.FILE_UPLOADED, "v2",
                Topics.UPLOAD_ABORTED, "v1", Topics.AGGREGATES_CHANGED, "v1", Topics.INGEST_RETRY_REQUESTED, "v1");
        for (String topic : nonsense.keySet()) {
            String keys = "poison-" + UUID.randomUUID() + "-";
            List<Poison> poison = PoisonRecords.of(topic, bucket);
            PoisonRecords.send(admin, topic, keys, poison);
            Map<String, DeadLetter> dead = PoisonRecords.awaitDeadLetters(admin, topic, keys, poison.size(), WAIT);
            String unreadable = "Not a readable " + topic + " event (malformed JSON or an empty value)";
            assertEquals(unreadable, dead.get(keys + 0).reason());
            assertEquals("{\"version\":2,\"uploadId\":", new String(dead.get(keys + 0).value(), StandardCharsets.UTF_8));
            assertEquals(unreadable, dead.get(keys + 1).reason());
            assertEquals("Unknown " + topic + " version 99 (this consumer reads " + versions.get(topic) + ")",
                    dead.get(keys + 2).reason());
            assertEquals(nonsense.get(topic), dead.get(keys + 3).reason());
        }

        // chunks that name what they may not: another bucket, bytes past the end of their file
        String sku = "poison-" + UUID.randomUUID();
        byte[] file = ("name,sku,description\r\nBob," + sku + "-1,27 inch\r\nAnn," + sku + "-2,\"a, b\"\r\n"
                + "Bob," + sku + "-3,last\r\n").getBytes(StandardCharsets.UTF_8);
        List<ChunkReady> elsewhere = TestChunks.stored(s3, 9_000_001, file, 1);
        ChunkReady c = elsewhere.get(0);
        String keys = "refused-" + UUID.randomUUID() + "-";
        PoisonRecords.send(admin, Topics.INGEST_CHUNKS, keys, List.of(
                new Poison("other bucket", json.writeValueAsBytes(new ChunkReady(c.version(), c.uploadId(),
                        c.uploadSeq(), c.chunkIndex(), c.chunksTotal(), "someone-elses", c.key(), c.rangeStart(),
                        c.rangeEnd(), c.firstRecord(), c.firstLine(), c.records(), c.bytesTotal(), c.recordsTotal(),
                        c.partSize())), "not-allowed"),
                new Poison("past the end", json.writeValueAsBytes(new ChunkReady(c.version(), c.uploadId(),
                        c.uploadSeq(), c.chunkIndex(), c.chunksTotal(), c.bucket(), c.key(), c.rangeStart(),
                        c.bytesTotal() + 100, c.firstRecord(), c.firstLine(), c.records(), c.bytesTotal(),
                        c.recordsTotal(), c.partSize())), "out-of-range")));
        Map<String, DeadLetter> refused = PoisonRecords.awaitDeadLetters(admin, Topics.INGEST_CHUNKS, keys, 2,
                WAIT);
        assertEquals("ingest-chunks: names a bucket other than the configured one", refused.get(keys + 0).reason());
        assertEquals("ingest-chunks: rangeEnd " + (c.bytesTotal() + 100) + " is past the end of the file ("
                + c.bytesTotal() + " bytes)", refused.get(keys + 1).reason());
        assertEquals(0, count("SELECT count(*) FROM ingest_jobs WHERE upload_id = ?::uuid", c.uploadId()),
                "a refused chunk starts no job");

        String after = metrics();
        for (String channel : nonsense.keySet()) {
            assertEquals(2.0, delta(before, after, channel, "unreadable"), channel);
            assertEquals(1.0, delta(before, after, channel, "unknown-version"), channel);
            assertEquals(1.0, delta(before, after, channel, "invalid"), channel);
        }
        assertEquals(1.0, delta(before, after, Topics.INGEST_CHUNKS, "not-allowed"));
        assertEquals(1.0, delta(before, after, Topics.INGEST_CHUNKS, "out-of-range"));

        // the channels go on: a valid upload after the poison loads exactly
        List<ChunkReady> chunks = TestChunks.stored(s3, 9_000_002, file, 1);
        String id = chunks.get(0).uploadId();
        new TestKafka(json).publishChunks(chunks);
        IngestFinished done = new TestKafka(json).await(Topics.INGEST_FINISHED, id, 1, IngestFinished.class, WAIT)
                .get(0);
        assertEquals(IngestState.COMPLETED, done.state());
        assertEquals(3, done.rowsLoaded());
        assertEquals(List.of(sku + "-1|Bob|27 inch", sku + "-2|Ann|a, b", sku + "-3|Bob|last"), products(sku));
        given().when().get(ready).then().statusCode(200).body("status", equalTo("UP"));
    }

    private static List<String> products(String skuPrefix) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = jdbc(); PreparedStatement ps = c.prepareStatement(
                "SELECT sku, name, description FROM products WHERE sku LIKE ? ORDER BY sku")) {
            ps.setString(1, skuPrefix + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3));
                }
            }
        }
        return out;
    }

    private static long count(String sql, String param) throws Exception {
        try (Connection c = jdbc(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Connection jdbc() throws Exception {
        var infra = LocalInfraTestResource.infra();
        return DriverManager.getConnection(infra.jdbcUrl(), infra.pgUser(), infra.pgPassword());
    }

    private static double delta(String before, String after, String channel, String reason) {
        return PoisonRecords.deadLettered(after, channel, reason) - PoisonRecords.deadLettered(before, channel, reason);
    }

    private String metrics() {
        return given().when().get(metrics).then().statusCode(200).extract().asString();
    }
}
