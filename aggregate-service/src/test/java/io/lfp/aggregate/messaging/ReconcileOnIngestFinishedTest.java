package io.lfp.aggregate.messaging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lfp.aggregate.EventBus;
import io.lfp.aggregate.ProductsTable;
import io.lfp.events.AggregatesChanged;
import io.lfp.events.IngestFinished;
import io.lfp.events.IngestState;
import io.lfp.localinfra.LocalInfraTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class ReconcileOnIngestFinishedTest {

    /** What the test put into products: sku → name. The expected counts are computed from it. */
    private final Map<String, String> products = new LinkedHashMap<>();
    private EventBus bus;

    @ConfigProperty(name = "lfp.aggregate.reconcile-lock-key")
    long reconcileLockKey;

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
    void countsFollowProductsThroughRenamesDeletesAndRedelivery() throws Exception {
        put("sku-01", "Alpha");
        put("sku-02", "Alpha");
        put("sku-03", "Alpha");
        put("sku-04", "Beta");
        put("sku-05", "Beta");
        put("sku-06", "Gamma");
        put("sku-07", "Widget Pro");
        put("sku-08", "Widget Pro");
        put("sku-09", "alpha");
        put("sku-10", "Ünïcode, \"quoted\"");
        ProductsTable.upsert(products);

        Instant before = Instant.now().minusSeconds(1);
        String first = UUID.randomUUID().toString();
        bus.publish(EventBus.finished(first, IngestState.COMPLETED));
        AggregatesChanged changed = bus.awaitAggregatesChanged(first, 1);

        assertEquals(Map.of("Alpha", 3L, "Beta", 2L, "Gamma", 1L, "Widget Pro", 2L, "alpha", 1L,
                "Ünïcode, \"quoted\"", 1L), ProductsTable.productCounts());
        assertEquals(expectedCounts(), ProductsTable.productCounts());
        assertEquals(new AggregatesChanged(1, first, 10, 6, changed.changedAt()), changed);
        assertNotNull(changed.changedAt());
        assertFalse(changed.changedAt().isBefore(before), "changedAt " + changed.changedAt() + " before the publish");
        assertFalse(changed.changedAt().isAfter(Instant.now().plusSeconds(1)));

        // Renames (one moves a product between existing names, one empties "Gamma" into a new
        // name), a name deleted entirely, a new product; reported by a FAILED job.
        put("sku-02", "Beta");
        put("sku-06", "Delta");
        put("sku-11", "Alpha");
        ProductsTable.upsert(Map.of("sku-02", "Beta", "sku-06", "Delta", "sku-11", "Alpha"));
        ProductsTable.delete(List.of("sku-07", "sku-08"));
        products.remove("sku-07");
        products.remove("sku-08");

        String second = UUID.randomUUID().toString();
        IngestFinished failed = EventBus.finished(second, IngestState.FAILED);
        bus.publish(failed);
        AggregatesChanged afterRename = bus.awaitAggregatesChanged(second, 1);

        Map<String, Long> counts = ProductsTable.productCounts();
        assertEquals(Map.of("Alpha", 3L, "Beta", 3L, "Delta", 1L, "alpha", 1L, "Ünïcode, \"quoted\"", 1L), counts);
        assertEquals(expectedCounts(), counts);
        assertFalse(counts.containsKey("Gamma"));
        assertFalse(counts.containsKey("Widget Pro"));
        assertEquals(new AggregatesChanged(1, second, 9, 5, afterRename.changedAt()), afterRename);
        assertTrue(afterRename.changedAt().isAfter(changed.changedAt()));

        // Redelivery of the same event: the same answer, and no row of product_counts rewritten.
        List<String> rowVersions = ProductsTable.productCountVersions();
        bus.publish(failed);
        AggregatesChanged again = bus.awaitAggregatesChanged(second, 2);

        assertEquals(new AggregatesChanged(1, second, 9, 5, again.changedAt()), again);
        assertEquals(rowVersions, ProductsTable.productCountVersions());
        assertEquals(expectedCounts(), ProductsTable.productCounts());
    }

    @Test
    void deletingTheLastProductOfEveryNameEmptiesTheCounts() throws Exception {
        put("sku-1", "Solo");
        ProductsTable.upsert(products);
        String first = UUID.randomUUID().toString();
        bus.publish(EventBus.finished(first, IngestState.COMPLETED_WITH_ERRORS));
        AggregatesChanged one = bus.awaitAggregatesChanged(first, 1);
        assertEquals(new AggregatesChanged(1, first, 1, 1, one.changedAt()), one);
        assertEquals(Map.of("Solo", 1L), ProductsTable.productCounts());

        ProductsTable.delete(List.of("sku-1"));
        String second = UUID.randomUUID().toString();
        bus.publish(EventBus.finished(second, IngestState.COMPLETED));
        AggregatesChanged none = bus.awaitAggregatesChanged(second, 1);

        assertEquals(new AggregatesChanged(1, second, 0, 0, none.changedAt()), none);
        assertEquals(Map.of(), ProductsTable.productCounts());
        given().when().get("/api/aggregates").then().statusCode(200)
                .body(equalTo("{\"items\":[],\"products\":0,\"names\":0}"));
    }

    @Test
    void aReconcileWaitsWhileAnotherHoldsTheLock() throws Exception {
        put("sku-1", "Locked");
        ProductsTable.upsert(products);
        String uploadId = UUID.randomUUID().toString();
        try (Connection other = ProductsTable.connect()) {
            // Plays a reconcile of another instance that is still running.
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, reconcileLockKey);
                lock.execute();
            }
            bus.publish(EventBus.finished(uploadId, IngestState.COMPLETED));
            Thread.sleep(2000);
            assertEquals(0, bus.countAggregatesChanged(uploadId), "announced while the lock was held");
            assertEquals(Map.of(), ProductsTable.productCounts());
            other.commit();
        }
        AggregatesChanged changed = bus.awaitAggregatesChanged(uploadId, 1);

        assertEquals(new AggregatesChanged(1, uploadId, 1, 1, changed.changedAt()), changed);
        assertEquals(Map.of("Locked", 1L), ProductsTable.productCounts());
    }

    @Test
    void aMalformedRecordIsSkippedAndTheNextEventStillReconciles() throws Exception {
        put("sku-1", "Kept");
        put("sku-2", "Kept");
        ProductsTable.upsert(products);
        String uploadId = UUID.randomUUID().toString();
        // Same key, so the same partition: the valid event is processed after the malformed one.
        bus.publishRaw(uploadId, "{not json".getBytes(StandardCharsets.UTF_8));
        bus.publish(EventBus.finished(uploadId, IngestState.COMPLETED));

        AggregatesChanged changed = bus.awaitAggregatesChanged(uploadId, 1);

        assertEquals(new AggregatesChanged(1, uploadId, 2, 1, changed.changedAt()), changed);
        assertEquals(Map.of("Kept", 2L), ProductsTable.productCounts());
        assertEquals(1, bus.countAggregatesChanged(uploadId), "the malformed record must not be announced");
    }

    private void put(String sku, String name) {
        products.put(sku, name);
    }

    /** name → number of skus with it, computed in Java from what the test inserted. */
    private Map<String, Long> expectedCounts() {
        return products.values().stream()
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
    }
}
