package io.lfp.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.lfp.events.ChunkReady;
import io.lfp.events.IngestFinished;
import io.lfp.events.IngestState;
import io.lfp.events.Topics;
import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.localinfra.LocalSecrets;
import io.lfp.localinfra.PoisonRecords;
import io.lfp.localinfra.PoisonRecords.DeadLetter;
import io.lfp.localinfra.PoisonRecords.Poison;
import io.lfp.security.testing.TestTokens;
import io.lfp.testing.Management;
import io.lfp.testing.PoisonMessages;
import io.lfp.testing.PoisonMessages.Expected;
import io.lfp.testing.Sql;
import io.lfp.testing.TestKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
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

    @Test
    void poisonOnEveryTopicIsDeadLetteredAndAValidUploadStillLoadsExactly() throws Exception {
        Map<String, Object> admin = LocalInfraTestResource.infra().kafkaClientProperties(LocalSecrets.KAFKA_ADMIN);
        String before = Management.metrics();
        Map<String, Expected> expected = Map.of(
                Topics.INGEST_CHUNKS, new Expected("v1 to v2", "ingest-chunks: expected 0 <= chunkIndex < chunksTotal"),
                Topics.FILE_UPLOADED, new Expected("v2", "file-uploaded: uploadId is not a UUID"),
                Topics.UPLOAD_ABORTED, new Expected("v1", "upload-aborted: uploadId is not a UUID"),
                Topics.AGGREGATES_CHANGED, new Expected("v1", "aggregates-changed: uploadId is not a UUID"),
                Topics.INGEST_RETRY_REQUESTED, new Expected("v1", "ingest-retry-requested: uploadId is not a UUID"));
        expected.forEach(PoisonMessages::assertDeadLettered);

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
        assertEquals(0, Sql.number("SELECT count(*) FROM ingest_jobs WHERE upload_id = ?::uuid", c.uploadId()),
                "a refused chunk starts no job");

        String after = Management.metrics();
        for (String channel : expected.keySet()) {
            PoisonMessages.assertCounted(before, after, channel);
        }
        assertEquals(1.0, PoisonMessages.delta(before, after, Topics.INGEST_CHUNKS, "not-allowed"));
        assertEquals(1.0, PoisonMessages.delta(before, after, Topics.INGEST_CHUNKS, "out-of-range"));

        // the channels go on: a valid upload after the poison loads exactly
        List<ChunkReady> chunks = TestChunks.stored(s3, 9_000_002, file, 1);
        String id = chunks.get(0).uploadId();
        TestKafka kafka = new TestKafka(json);
        TestChunks.publish(kafka, chunks);
        IngestFinished done = kafka.await(Topics.INGEST_FINISHED, id, 1, IngestFinished.class, WAIT).get(0);
        assertEquals(IngestState.COMPLETED, done.state());
        assertEquals(3, done.rowsLoaded());
        assertEquals(List.of(sku + "-1|Bob|27 inch", sku + "-2|Ann|a, b", sku + "-3|Bob|last"), products(sku));
        given().when().get(Management.url("/q/health/ready")).then().statusCode(200).body("status", equalTo("UP"));
    }

    private static List<String> products(String skuPrefix) {
        return Sql.rows("SELECT sku, name, description FROM products WHERE sku LIKE ? ORDER BY sku", skuPrefix + "%")
                .stream().map(r -> r.get(0) + "|" + r.get(1) + "|" + r.get(2)).toList();
    }
}
