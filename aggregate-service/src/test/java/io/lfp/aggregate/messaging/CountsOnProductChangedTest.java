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
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lfp.aggregate.EventBus;
import io.lfp.aggregate.ProductsTable;
import io.lfp.events.AggregatesChanged;
import io.lfp.events.IngestState;
import io.lfp.events.ProductChanged;
import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.security.RoleHierarchyAugmentor;
import io.lfp.security.Roles;
import io.lfp.testing.Management;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * A single-product edit (ProductChanged, as ingest-worker publishes it after the edit committed)
 * recounts exactly its old and new name, touches no other row of product_counts, and is announced
 * as AggregatesChanged without an upload id.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@TestSecurity(user = "alice", roles = Roles.VIEWER, augmentors = RoleHierarchyAugmentor.class)
class CountsOnProductChangedTest {

    private static final AtomicLong EDIT_IDS = new AtomicLong(1000);

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
    void renameDeleteCreateAndDescriptionChangeMoveExactlyTheirCounts() throws Exception {
        Map<String, String> products = new LinkedHashMap<>();
        products.put("sku-01", "Alpha");
        products.put("sku-02", "Alpha");
        products.put("sku-03", "Alpha");
        products.put("sku-04", "Beta");
        products.put("sku-05", "Beta");
        products.put("sku-06", "Gamma");
        products.put("sku-07", "Ünïcode, \"quoted\"");
        UUID upload = UUID.randomUUID();
        ProductsTable.merge(upload, products);
        bus.publish(EventBus.finished(upload.toString(), IngestState.COMPLETED));
        bus.awaitAggregatesChanged(upload.toString(), 1);
        assertEquals(Map.of("Alpha", 3L, "Beta", 2L, "Gamma", 1L, "Ünïcode, \"quoted\"", 1L),
                ProductsTable.productCounts());
        int unkeyed = bus.countUnkeyed();

        // rename: one count moves from Alpha to Beta; the other rows are not even rewritten
        List<String> before = ProductsTable.productCountVersions();
        ProductsTable.upsert(Map.of("sku-02", "Beta"));
        Instant published = Instant.now();
        ProductChanged rename = changed("sku-02", ProductChanged.UPDATED, "Alpha", "Beta");
        bus.publish(rename);
        AggregatesChanged renamed = bus.awaitUnkeyed(++unkeyed);
        assertEquals(new AggregatesChanged(1, null, 7, 4, renamed.changedAt()), renamed);
        assertFalse(renamed.changedAt().isBefore(published.minusSeconds(1)));
        assertEquals(Map.of("Alpha", 2L, "Beta", 3L, "Gamma", 1L, "Ünïcode, \"quoted\"", 1L),
                ProductsTable.productCounts());
        assertEquals(ProductsTable.countsFromProducts(), ProductsTable.productCounts());
        assertEquals(unchangedRows(before, "Alpha", "Beta"), unchangedRows(ProductsTable.productCountVersions(),
                "Alpha", "Beta"));

        // the same edit again (Kafka redelivery or an outbox re-send: same edit id): the same counts,
        // no row rewritten, announced again
        List<String> afterRename = ProductsTable.productCountVersions();
        bus.publish(rename);
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
        given().when().get(Management.url("/q/metrics")).then().statusCode(200)
                .body(containsString("lfp_aggregate_edit_counts_seconds_count"));
    }

    @Test
    void anEditWaitsWhileAnotherTransactionHoldsTheCountsLockAndInvalidRecordsAreSkipped() throws Exception {
        ProductsTable.upsert(Map.of("sku-1", "Locked"));
        int unkeyed = bus.countUnkeyed();
        bus.publishRawProductChanged("sku-1", "{not json".getBytes(StandardCharsets.UTF_8));
        // a v1 event (no edit id) cannot be added exactly once: skipped, not guessed
        bus.publishRawProductChanged("sku-1", ("{\"version\":1,\"sku\":\"sku-1\",\"change\":\"CREATED\","
                + "\"oldName\":null,\"newName\":\"Locked\",\"changedAt\":\"2026-11-24T03:12:00Z\"}")
                .getBytes(StandardCharsets.UTF_8));
        try (Connection other = ProductsTable.holdCountsLock()) {
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
        assertEquals(unkeyed + 1, bus.countUnkeyed(), "the malformed and v1 records must not be announced");
        assertTrue(ProductsTable.countsFromProducts().equals(ProductsTable.productCounts()));
    }

    private static ProductChanged changed(String sku, String change, String oldName, String newName) {
        return new ProductChanged(ProductChanged.VERSION, sku, change, oldName, newName, Instant.now(),
                EDIT_IDS.incrementAndGet());
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
