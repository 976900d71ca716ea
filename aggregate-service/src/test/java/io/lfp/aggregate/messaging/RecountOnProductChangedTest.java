package io.lfp.aggregate.messaging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lfp.aggregate.EventBus;
import io.lfp.aggregate.ProductsTable;
import io.lfp.events.AggregatesChanged;
import io.lfp.events.IngestState;
import io.lfp.events.ProductChanged;
import io.lfp.localinfra.LocalInfraTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A single-product edit (ProductChanged, as ingest-worker publishes it after the edit committed)
 * recounts exactly its old and new name, touches no other row of product_counts, and is announced
 * as AggregatesChanged without an upload id.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class RecountOnProductChangedTest {

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
    void renameDeleteCreateAndDescriptionChangeMoveExactlyTheirCounts() throws Exception {
        Map<String, String> products = new LinkedHashMap<>();
        products.put("sku-01", "Alpha");
        products.put("sku-02", "Alpha");
        products.put("sku-03", "Alpha");
        products.put("sku-04", "Beta");
        products.put("sku-05", "Beta");
        products.put("sku-06", "Gamma");
        products.put("sku-07", "Ünïcode, \"quoted\"");
        ProductsTable.upsert(products);
        String upload = UUID.randomUUID().toString();
        bus.publish(EventBus.finished(upload, IngestState.COMPLETED));
        bus.awaitAggregatesChanged(upload, 1);
        assertEquals(Map.of("Alpha", 3L, "Beta", 2L, "Gamma", 1L, "Ünïcode, \"quoted\"", 1L),
                ProductsTable.productCounts());
        int unkeyed = bus.countUnkeyed();

        // rename: one count moves from Alpha to Beta; the other rows are not even rewritten
        List<String> before = ProductsTable.productCountVersions();
        ProductsTable.upsert(Map.of("sku-02", "Beta"));
        Instant published = Instant.now();
        bus.publish(changed("sku-02", ProductChanged.UPDATED, "Alpha", "Beta"));
        AggregatesChanged renamed = bus.awaitUnkeyed(++unkeyed);
        assertEquals(new AggregatesChanged(1, null, 7, 4, renamed.changedAt()), renamed);
        assertFalse(renamed.changedAt().isBefore(published.minusSeconds(1)));
        assertEquals(Map.of("Alpha", 2L, "Beta", 3L, "Gamma", 1L, "Ünïcode, \"quoted\"", 1L),
                ProductsTable.productCounts());
        assertEquals(ProductsTable.countsFromProducts(), ProductsTable.productCounts());
        assertEquals(unchangedRows(before, "Alpha", "Beta"), unchangedRows(ProductsTable.productCountVersions(),
                "Alpha", "Beta"));

        // the same event again (redelivery): the same counts, no row rewritten, announced again
        List<String> afterRename = ProductsTable.productCountVersions();
        bus.publish(changed("sku-02", ProductChanged.UPDATED, "Alpha", "Beta"));
        assertEquals(new AggregatesChanged(1, null, 7, 4, null), withoutTime(bus.awaitUnkeyed(++unkeyed)));
        assertEquals(afterRename, ProductsTable.productCountVersions());

        // delete the only Gamma: its row goes
        ProductsTable.delete(List.of("sku-06"));
        bus.publish(changed("sku-06", ProductChanged.DELETED, "Gamma", null));
        assertEquals(new AggregatesChanged(1, null, 6, 3, null), withoutTime(bus.awaitUnkeyed(++unkeyed)));
        assertEquals(Map.of("Alpha", 2L, "Beta", 3L, "Ünïcode, \"quoted\"", 1L), ProductsTable.productCounts());
        assertEquals(ProductsTable.countsFromProducts(), ProductsTable.productCounts());

        // create with a new name
        ProductsTable.upsert(Map.of("sku-new", "Delta"));
        bus.publish(changed("sku-new", ProductChanged.CREATED, null, "Delta"));
        assertEquals(new AggregatesChanged(1, null, 7, 4, null), withoutTime(bus.awaitUnkeyed(++unkeyed)));
        assertEquals(Map.of("Alpha", 2L, "Beta", 3L, "Delta", 1L, "Ünïcode, \"quoted\"", 1L),
                ProductsTable.productCounts());
        assertEquals(ProductsTable.countsFromProducts(), ProductsTable.productCounts());

        // a description-only change still announces (the dashboard refreshes) and rewrites nothing
        List<String> rows = ProductsTable.productCountVersions();
        bus.publish(changed("sku-07", ProductChanged.UPDATED, "Ünïcode, \"quoted\"", "Ünïcode, \"quoted\""));
        assertEquals(new AggregatesChanged(1, null, 7, 4, null), withoutTime(bus.awaitUnkeyed(++unkeyed)));
        assertEquals(rows, ProductsTable.productCountVersions());

        given().when().get("/api/aggregates/Beta").then().statusCode(200)
                .body(equalTo("{\"name\":\"Beta\",\"count\":3}"));
        given().when().get("/api/aggregates/Gamma").then().statusCode(404);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("lfp_aggregate_recount_seconds_count"));
    }

    @Test
    void aRecountWaitsForARunningReconcileAndAMalformedRecordIsSkipped() throws Exception {
        ProductsTable.upsert(Map.of("sku-1", "Locked"));
        int unkeyed = bus.countUnkeyed();
        bus.publishRawProductChanged("sku-1", "{not json".getBytes(StandardCharsets.UTF_8));
        try (Connection other = ProductsTable.connect()) {
            // Plays a job's reconcile (any instance) that is still running.
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, reconcileLockKey);
                lock.execute();
            }
            bus.publish(changed("sku-1", ProductChanged.CREATED, null, "Locked"));
            Thread.sleep(2000);
            assertEquals(unkeyed, bus.countUnkeyed(), "announced while the lock was held");
            assertEquals(Map.of(), ProductsTable.productCounts());
            other.commit();
        }
        AggregatesChanged changed = bus.awaitUnkeyed(unkeyed + 1);
        assertNull(changed.uploadId());
        assertEquals(new AggregatesChanged(1, null, 1, 1, changed.changedAt()), changed);
        assertEquals(Map.of("Locked", 1L), ProductsTable.productCounts());
        assertEquals(unkeyed + 1, bus.countUnkeyed(), "the malformed record must not be announced");
        assertTrue(ProductsTable.countsFromProducts().equals(ProductsTable.productCounts()));
    }

    private static ProductChanged changed(String sku, String change, String oldName, String newName) {
        return new ProductChanged(ProductChanged.VERSION, sku, change, oldName, newName, Instant.now());
    }

    private static AggregatesChanged withoutTime(AggregatesChanged event) {
        assertTrue(event.changedAt() != null);
        return new AggregatesChanged(event.version(), event.uploadId(), event.products(), event.names(), null);
    }

    /** Row versions of every name but these. */
    private static List<String> unchangedRows(List<String> versions, String... except) {
        List<String> excluded = List.of(except);
        return versions.stream().filter(v -> !excluded.contains(v.substring(0, v.indexOf('|')))).toList();
    }
}
