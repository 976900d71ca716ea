package io.lfp.dashboard.it;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.lfp.events.AggregatesChanged;
import io.lfp.events.Topics;
import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.localinfra.LocalSecrets;
import io.lfp.localinfra.PoisonRecords.DeadLetter;
import io.lfp.localinfra.PoisonRecords.Poison;
import io.lfp.localinfra.PoisonRecords;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

/**
 * Poison on every topic the dashboard reads (today one malformed file-uploaded stopped its consumer for good
 * and the page showed 0 products): each record lands on the topic's dead-letter topic with its reason and is
 * counted, the next aggregates-changed still rebuilds the summary exactly, and readiness stays UP.
 */
@QuarkusTest
@TestSecurity(user = "tester", roles = "viewer")
@WithTestResource(LocalInfraTestResource.class)
class PoisonMessagesTest {

    @Inject
    ObjectMapper json;

    @Inject
    RedisDataSource redis;

    @Test
    void poisonOnEveryTopicIsDeadLetteredAndTheSummaryStillFollowsTheEvents() {
        Catalog.load();
        redis.flushall();
        Map<String, Object> admin = LocalInfraTestResource.infra().kafkaClientProperties(LocalSecrets.KAFKA_ADMIN);
        String bucket = LocalInfraTestResource.infra().bucket();
        String before = metrics();
        Map<String, String> nonsense = Map.of(
                Topics.FILE_UPLOADED, "file-uploaded: uploadId is not a UUID",
                Topics.INGEST_PROGRESS, "ingest-progress: uploadId is not a UUID",
                Topics.INGEST_FINISHED, "ingest-finished: expected a final state",
                Topics.AGGREGATES_CHANGED, "aggregates-changed: uploadId is not a UUID");
        Map<String, String> versions = Map.of(Topics.FILE_UPLOADED, "v1 to v2", Topics.INGEST_PROGRESS, "v1 to v2",
                Topics.INGEST_FINISHED, "v1 to v3", Topics.AGGREGATES_CHANGED, "v1");
        for (String topic : nonsense.keySet()) {
            String keys = "poison-" + UUID.randomUUID() + "-";
            List<Poison> poison = PoisonRecords.of(topic, bucket);
            PoisonRecords.send(admin, topic, keys, poison);
            Map<String, DeadLetter> dead = PoisonRecords.awaitDeadLetters(admin, topic, keys, poison.size(),
                    Duration.ofSeconds(60));
            String unreadable = "Not a readable " + topic + " event (malformed JSON or an empty value)";
            assertEquals(unreadable, dead.get(keys + 0).reason());
            assertEquals("{\"version\":2,\"uploadId\":", new String(dead.get(keys + 0).value(), StandardCharsets.UTF_8));
            assertEquals(unreadable, dead.get(keys + 1).reason());
            assertEquals("Unknown " + topic + " version 99 (this consumer reads " + versions.get(topic) + ")",
                    dead.get(keys + 2).reason());
            assertEquals(nonsense.get(topic), dead.get(keys + 3).reason());
        }
        String after = metrics();
        for (String channel : nonsense.keySet()) {
            assertEquals(2.0, delta(before, after, channel, "unreadable"), channel);
            assertEquals(1.0, delta(before, after, channel, "unknown-version"), channel);
            assertEquals(1.0, delta(before, after, channel, "invalid"), channel);
        }

        TestEvents.send(json, Topics.AGGREGATES_CHANGED, Catalog.FIRST_UPLOAD.toString(), new AggregatesChanged(
                AggregatesChanged.VERSION, Catalog.FIRST_UPLOAD.toString(), 8, 4, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> redis.value(String.class).get("lfp:dashboard:summary") != null);
        given().get("/api/summary").then().statusCode(200).body("products", equalTo(8)).body("names", equalTo(4))
                .body("uploads", equalTo(2)).body("cache", equalTo("online"));
        given().when().get(Metrics.management("/q/health/ready")).then().statusCode(200).body("status", equalTo("UP"));
    }

    private static double delta(String before, String after, String channel, String reason) {
        return PoisonRecords.deadLettered(after, channel, reason) - PoisonRecords.deadLettered(before, channel, reason);
    }

    private static String metrics() {
        return given().when().get(Metrics.management("/q/metrics")).then().statusCode(200).extract().asString();
    }
}
