package io.lfp.dashboard.it;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.lfp.events.AggregatesChanged;
import io.lfp.events.Topics;
import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.testing.Management;
import io.lfp.testing.PoisonMessages;
import io.lfp.testing.PoisonMessages.Expected;
import io.lfp.testing.TestKafka;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

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
        PoisonMessages.assertDeadLetteredAndCounted(Map.of(
                Topics.FILE_UPLOADED, new Expected("v1 to v2", "file-uploaded: uploadId is not a UUID"),
                Topics.INGEST_PROGRESS, new Expected("v1 to v2", "ingest-progress: uploadId is not a UUID"),
                Topics.INGEST_FINISHED, new Expected("v1 to v3", "ingest-finished: expected a final state"),
                Topics.AGGREGATES_CHANGED, new Expected("v1", "aggregates-changed: uploadId is not a UUID")));

        new TestKafka(json).send(Topics.AGGREGATES_CHANGED, Catalog.FIRST_UPLOAD.toString(), new AggregatesChanged(
                AggregatesChanged.VERSION, Catalog.FIRST_UPLOAD.toString(), 8, 4, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> redis.value(String.class).get("lfp:dashboard:summary") != null);
        given().get("/api/summary").then().statusCode(200).body("products", equalTo(8)).body("names", equalTo(4))
                .body("uploads", equalTo(2)).body("cache", equalTo("online"));
        given().when().get(Management.url("/q/health/ready")).then().statusCode(200).body("status", equalTo("UP"));
    }
}
