package io.lfp.aggregate.messaging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import io.lfp.security.RoleHierarchyAugmentor;
import io.lfp.security.Roles;
import io.lfp.testing.Management;
import io.lfp.testing.PoisonMessages;
import io.lfp.testing.PoisonMessages.Expected;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * Malformed JSON, an empty value, an unknown version and nonsense fields on each topic this service reads:
 * each record lands on the topic's dead-letter topic with its reason, is counted, and the next valid event
 * is handled exactly; the service stays ready.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@TestSecurity(user = "alice", roles = Roles.VIEWER, augmentors = RoleHierarchyAugmentor.class)
class PoisonMessagesTest {

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
        PoisonMessages.assertDeadLetteredAndCounted(Map.of(
                Topics.INGEST_FINISHED, new Expected("v1 to v3", Topics.INGEST_FINISHED + ": expected a final state"),
                Topics.PRODUCT_CHANGED, new Expected("v2", Topics.PRODUCT_CHANGED
                        + ": expected change CREATED (newName only), UPDATED (both names) or DELETED (oldName only)")));

        // the channels go on: a valid job end is counted exactly
        UUID upload = UUID.randomUUID();
        ProductsTable.merge(upload, Map.of("sku-1", "Alpha", "sku-2", "Alpha", "sku-3", "Beta"));
        bus.publish(EventBus.finished(upload.toString(), IngestState.COMPLETED));
        AggregatesChanged changed = bus.awaitAggregatesChanged(upload.toString(), 1);
        assertEquals(new AggregatesChanged(1, upload.toString(), 3, 2, changed.changedAt()), changed);
        assertEquals(Map.of("Alpha", 2L, "Beta", 1L), ProductsTable.productCounts());
        given().when().get(Management.url("/q/health/ready")).then().statusCode(200).body("status", equalTo("UP"));
    }
}
