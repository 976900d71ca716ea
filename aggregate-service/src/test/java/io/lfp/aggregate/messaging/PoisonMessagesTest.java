package io.lfp.aggregate.messaging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lfp.aggregate.EventBus;
import io.lfp.aggregate.ProductsTable;
import io.lfp.events.AggregatesChanged;
import io.lfp.events.IngestState;
import io.lfp.events.Topics;
import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.localinfra.PoisonRecords;
import io.lfp.localinfra.PoisonRecords.DeadLetter;
import io.lfp.localinfra.PoisonRecords.Poison;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.lfp.security.RoleHierarchyAugmentor;
import io.lfp.security.Roles;
import io.quarkus.test.security.TestSecurity;
import java.net.URL;
import io.quarkus.test.common.http.TestHTTPResource;

/**
 * Malformed JSON, an empty value, an unknown version and nonsense fields on each topic this service reads:
 * each record lands on the topic's dead-letter topic with its reason, is counted, and the next valid event
 * is handled exactly; the service stays ready.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@TestSecurity(user = "alice", roles = Roles.VIEWER, augmentors = RoleHierarchyAugmentor.class)
class PoisonMessagesTest {

    @TestHTTPResource(value = "/health/ready", management = true)
    URL health;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metricsUrl;

    private EventBus bus;

    @BeforeEach
    void setUp() throws Exception {
        ProductsTable.reset();
        bus = new EventBus();
    }

    @AfterEach
    void tearDown() {
        bus.close();
    }

    @Test
    void poisonOnEveryTopicIsDeadLetteredAndTheNextEventsCountExactly() throws Exception {
        String bootstrap = LocalInfraTestResource.infra().kafkaBootstrap();
        String bucket = LocalInfraTestResource.infra().bucket();
        String metricsBefore = metrics();
        for (String topic : List.of(Topics.INGEST_FINISHED, Topics.PRODUCT_CHANGED)) {
            String keys = "poison-" + UUID.randomUUID() + "-";
            List<Poison> poison = PoisonRecords.of(topic, bucket);
            PoisonRecords.send(bootstrap, topic, keys, poison);
            Map<String, DeadLetter> dead = PoisonRecords.awaitDeadLetters(bootstrap, topic, keys, poison.size(),
                    Duration.ofSeconds(60));
            assertEquals("Not a readable " + topic + " event (malformed JSON or an empty value)",
                    dead.get(keys + 0).reason());
            assertEquals("{\"version\":2,\"uploadId\":", new String(dead.get(keys + 0).value()),
                    "the original bytes are kept");
            assertEquals(topic, dead.get(keys + 0).headers().get("dead-letter-topic"));
            assertEquals("Not a readable " + topic + " event (malformed JSON or an empty value)",
                    dead.get(keys + 1).reason());
            assertEquals("Unknown " + topic + " version 99 (this consumer reads "
                    + (topic.equals(Topics.INGEST_FINISHED) ? "v1 to v3" : "v2") + ")", dead.get(keys + 2).reason());
            assertEquals(topic.equals(Topics.INGEST_FINISHED) ? topic + ": expected a final state"
                    : topic + ": expected change CREATED (newName only), UPDATED (both names) or DELETED (oldName only)",
                    dead.get(keys + 3).reason());
        }
        String metricsAfter = metrics();
        for (String channel : List.of(Topics.INGEST_FINISHED, Topics.PRODUCT_CHANGED)) {
            assertEquals(2.0, PoisonRecords.deadLettered(metricsAfter, channel, "unreadable")
                    - PoisonRecords.deadLettered(metricsBefore, channel, "unreadable"), channel);
            assertEquals(1.0, PoisonRecords.deadLettered(metricsAfter, channel, "unknown-version")
                    - PoisonRecords.deadLettered(metricsBefore, channel, "unknown-version"), channel);
            assertEquals(1.0, PoisonRecords.deadLettered(metricsAfter, channel, "invalid")
                    - PoisonRecords.deadLettered(metricsBefore, channel, "invalid"), channel);
        }

        // the channels go on: a valid job end is counted exactly
        UUID upload = UUID.randomUUID();
        ProductsTable.merge(upload, Map.of("sku-1", "Alpha", "sku-2", "Alpha", "sku-3", "Beta"));
        bus.publish(EventBus.finished(upload.toString(), IngestState.COMPLETED));
        AggregatesChanged changed = bus.awaitAggregatesChanged(upload.toString(), 1);
        assertEquals(new AggregatesChanged(1, upload.toString(), 3, 2, changed.changedAt()), changed);
        assertEquals(Map.of("Alpha", 2L, "Beta", 1L), ProductsTable.productCounts());
        given().when().get(health).then().statusCode(200).body("status", equalTo("UP"));
    }

    private String metrics() {
        return given().when().get(metricsUrl).then().statusCode(200).extract().asString();
    }
}
