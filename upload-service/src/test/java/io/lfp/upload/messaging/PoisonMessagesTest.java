package io.lfp.upload.messaging;

import static io.lfp.upload.TestSupport.config;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.lfp.events.Topics;
import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.localinfra.LocalSecrets;
import io.lfp.localinfra.PoisonRecords;
import io.lfp.localinfra.PoisonRecords.DeadLetter;
import io.lfp.localinfra.PoisonRecords.Poison;
import io.lfp.security.RoleHierarchyAugmentor;
import io.lfp.security.Roles;
import io.lfp.testing.Management;
import io.lfp.testing.PoisonMessages;
import io.lfp.testing.PoisonMessages.Expected;
import io.lfp.testing.Sql;
import io.lfp.testing.TestKafka;
import io.lfp.upload.TestSupport;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Poison on every topic upload-service reads lands on the topic's dead-letter topic with its reason and is
 * counted; an ingest-requested naming another bucket, a key outside the allowed prefixes or a too large
 * object is refused the same way and records no upload; the next valid events are applied; readiness UP.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@TestSecurity(user = TestSupport.USER, roles = Roles.UPLOADER, augmentors = RoleHierarchyAugmentor.class)
class PoisonMessagesTest {

    private static final String FILE = "name,sku,description\r\nBob,b-1,thing\r\nAnn,a-1,other\r\n";

    @Inject
    S3Client s3;

    @Test
    void poisonOnEveryTopicIsDeadLetteredAndTheChannelsGoOn() throws Exception {
        PoisonMessages.assertDeadLetteredAndCounted(Map.of(
                Topics.INGEST_REQUESTED, new Expected("v1",
                        "ingest-requested: the key is outside the allowed prefixes [incoming/]"),
                Topics.INGEST_PROGRESS, new Expected("v1 to v2", "ingest-progress: uploadId is not a UUID"),
                Topics.INGEST_FINISHED, new Expected("v1 to v3", "ingest-finished: expected a final state"),
                Topics.AGGREGATES_CHANGED, new Expected("v1", "aggregates-changed: uploadId is not a UUID")));

        // an upload's progress after the poison is applied
        String id = given().contentType("text/csv").queryParam("filename", "poison.csv").body(FILE)
                .when().post("/api/uploads").then().statusCode(202).extract().path("id");
        new TestKafka().sendRaw(Topics.INGEST_PROGRESS, id, """
                {"version":2,"uploadId":"%s","state":"INGESTING","bytesRead":5,"bytesTotal":1000,"rowsRead":1,
                 "rowsLoaded":1,"rowsRejected":0,"productsWritten":0,"startedAt":"2030-01-02T03:04:05Z",
                 "at":"2030-01-02T03:04:06Z","chunksTotal":1,"chunksDone":0,"chunksFailed":0,"recordsTotal":2}"""
                .formatted(id));
        await().atMost(Duration.ofSeconds(30)).until(() -> "INGESTING".equals(
                given().when().get("/api/uploads/" + id).then().extract().path("status")));
        given().when().get("/api/uploads/" + id).then().statusCode(200).body("rowsRead", equalTo(1));
        given().when().get(Management.url("/q/health/ready")).then().statusCode(200).body("status", equalTo("UP"));
    }

    /** Requests sent as another system would, with the external-producer login: refused ones record nothing. */
    @Test
    void requestsForAnotherBucketPrefixOrATooLargeObjectAreRefusedAndRecordNothing() throws Exception {
        Map<String, Object> admin = LocalInfraTestResource.infra().kafkaClientProperties(LocalSecrets.KAFKA_ADMIN);
        Map<String, Object> external = LocalInfraTestResource.infra()
                .kafkaClientProperties(LocalSecrets.EXTERNAL_PRODUCER);
        String bucket = config("lfp.s3.bucket");
        String large = "incoming/" + UUID.randomUUID() + "/large.csv";
        byte[] bytes = new byte[1024 * 1024 + 1];
        System.arraycopy(FILE.getBytes(StandardCharsets.UTF_8), 0, bytes, 0, FILE.length());
        s3.putObject(b -> b.bucket(bucket).key(large), RequestBody.fromBytes(bytes));
        // an object of the right bucket outside the allowed prefixes: here, another upload's stored part
        String stored = "uploads/" + UUID.randomUUID() + "/products.csv.part-00001";
        s3.putObject(b -> b.bucket(bucket).key(stored), RequestBody.fromString(FILE));
        String keys = "refused-" + UUID.randomUUID() + "-";
        String before = Management.metrics();
        PoisonRecords.send(external, Topics.INGEST_REQUESTED, keys, List.of(
                new Poison("other bucket", ("{\"version\":1,\"bucket\":\"someone-elses\",\"key\":\"incoming/a.csv\","
                        + "\"filename\":null}").getBytes(StandardCharsets.UTF_8), "not-allowed"),
                new Poison("too large", ("{\"version\":1,\"bucket\":\"" + bucket + "\",\"key\":\"" + large
                        + "\",\"filename\":null}").getBytes(StandardCharsets.UTF_8), "out-of-range"),
                new Poison("other prefix", ("{\"version\":1,\"bucket\":\"" + bucket + "\",\"key\":\"" + stored
                        + "\",\"filename\":null}").getBytes(StandardCharsets.UTF_8), "not-allowed")));
        Map<String, DeadLetter> dead = PoisonRecords.awaitDeadLetters(admin, Topics.INGEST_REQUESTED, keys, 3,
                Duration.ofSeconds(60));
        assertEquals("ingest-requested: names a bucket other than the configured one", dead.get(keys + 0).reason());
        assertEquals("ingest-requested: the object has 1048577 bytes, more than the limit of 1048576",
                dead.get(keys + 1).reason());
        assertEquals("ingest-requested: the key is outside the allowed prefixes [incoming/]",
                dead.get(keys + 2).reason());
        String after = Management.metrics();
        assertEquals(2.0, PoisonMessages.delta(before, after, Topics.INGEST_REQUESTED, "not-allowed"));
        assertEquals(1.0, PoisonMessages.delta(before, after, Topics.INGEST_REQUESTED, "out-of-range"));
        assertEquals(0, uploadsOf(large), "a refused request records no upload");
        assertEquals(0, uploadsOf(stored), "a refused request records no upload");
        given().when().get(Management.url("/q/health/ready")).then().statusCode(200).body("status", equalTo("UP"));
    }

    private static long uploadsOf(String key) {
        return Sql.number("SELECT count(*) FROM uploads WHERE object_key = ?", key);
    }
}
