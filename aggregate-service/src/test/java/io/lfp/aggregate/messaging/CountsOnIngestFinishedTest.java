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
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lfp.aggregate.EventBus;
import io.lfp.aggregate.ProductsTable;
import io.lfp.events.AggregatesChanged;
import io.lfp.events.IngestFinished;
import io.lfp.events.IngestState;
import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.security.RoleHierarchyAugmentor;
import io.lfp.security.Roles;
import io.lfp.testing.Sql;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@TestSecurity(user = "alice", roles = Roles.VIEWER, augmentors = RoleHierarchyAugmentor.class)
class CountsOnIngestFinishedTest {

    /** What the test put into products: sku → name. The expected counts are computed from it. */
    private final Map<String, String> products = new LinkedHashMap<>();
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
    void countsFollowUploadsThroughRenamesAndRedelivery() throws Exception {
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
        UUID first = UUID.randomUUID();
        ProductsTable.merge(first, products);

        Instant before = Instant.now().minusSeconds(1);
        bus.publish(EventBus.finished(first.toString(), IngestState.COMPLETED));
        AggregatesChanged changed = bus.awaitAggregatesChanged(first.toString(), 1);

        assertEquals(Map.of("Alpha", 3L, "Beta", 2L, "Gamma", 1L, "Widget Pro", 2L, "alpha", 1L,
                "Ünïcode, \"quoted\"", 1L), ProductsTable.productCounts());
        assertEquals(expectedCounts(), ProductsTable.productCounts());
        assertEquals(ProductsTable.countsFromProducts(), ProductsTable.productCounts());
        assertEquals(new AggregatesChanged(1, first.toString(), 10, 6, changed.changedAt()), changed);
        assertNotNull(changed.changedAt());
        assertFalse(changed.changedAt().isBefore(before), "changedAt " + changed.changedAt() + " before the publish");
        assertFalse(changed.changedAt().isAfter(Instant.now().plusSeconds(1)));

        // A second upload renames (one product moves between existing names, the only Gamma and both
        // Widget Pro move to names of their own, emptying theirs) and adds a product; some of its rows
        // were rejected.
        Map<String, String> second = new LinkedHashMap<>();
        second.put("sku-02", "Beta");
        second.put("sku-06", "Delta");
        second.put("sku-07", "Delta");
        second.put("sku-08", "Epsilon");
        second.put("sku-11", "Alpha");
        products.putAll(second);
        UUID secondId = UUID.randomUUID();
        ProductsTable.merge(secondId, second);
        IngestFinished failed = EventBus.finished(secondId.toString(), IngestState.COMPLETED_WITH_ERRORS);
        bus.publish(failed);
        AggregatesChanged afterRename = bus.awaitAggregatesChanged(secondId.toString(), 1);

        Map<String, Long> counts = ProductsTable.productCounts();
        assertEquals(Map.of("Alpha", 3L, "Beta", 3L, "Delta", 2L, "Epsilon", 1L, "alpha", 1L,
                "Ünïcode, \"quoted\"", 1L), counts);
        assertEquals(expectedCounts(), counts);
        assertEquals(ProductsTable.countsFromProducts(), counts);
        assertFalse(counts.containsKey("Gamma"));
        assertFalse(counts.containsKey("Widget Pro"));
        assertEquals(new AggregatesChanged(1, secondId.toString(), 11, 6, afterRename.changedAt()), afterRename);
        assertTrue(afterRename.changedAt().isAfter(changed.changedAt()));

        // The same event again (Kafka redelivery, or the job's end re-announced): the same answer,
        // nothing added twice, no row of product_counts rewritten.
        List<String> rowVersions = ProductsTable.productCountVersions();
        bus.publish(failed);
        AggregatesChanged again = bus.awaitAggregatesChanged(secondId.toString(), 2);

        assertEquals(new AggregatesChanged(1, secondId.toString(), 11, 6, again.changedAt()), again);
        assertEquals(rowVersions, ProductsTable.productCountVersions());
        assertEquals(expectedCounts(), ProductsTable.productCounts());
    }

    @Test
    void aLaterUploadsChangesAddedFirstStillEndExact() throws Exception {
        // Upload B rewrote rows of upload A (so B's merge committed after A's), but B's job end is
        // processed first: for a while "Old" is counted -1, then exact once A's changes are in.
        UUID a = UUID.randomUUID();
        ProductsTable.merge(a, Map.of("sku-1", "Old", "sku-2", "Old"));
        UUID b = UUID.randomUUID();
        ProductsTable.merge(b, Map.of("sku-1", "New"));
        put("sku-1", "New");
        put("sku-2", "Old");

        bus.publish(EventBus.finished(b.toString(), IngestState.COMPLETED));
        AggregatesChanged early = bus.awaitAggregatesChanged(b.toString(), 1);
        assertEquals(Map.of("New", 1L, "Old", -1L), ProductsTable.productCounts());
        assertEquals(new AggregatesChanged(1, b.toString(), 0, 2, early.changedAt()), early);

        bus.publish(EventBus.finished(a.toString(), IngestState.COMPLETED));
        AggregatesChanged done = bus.awaitAggregatesChanged(a.toString(), 1);
        assertEquals(Map.of("New", 1L, "Old", 1L), ProductsTable.productCounts());
        assertEquals(expectedCounts(), ProductsTable.productCounts());
        assertEquals(new AggregatesChanged(1, a.toString(), 2, 2, done.changedAt()), done);
    }

    @Test
    void aNameWhoseLastProductWasRenamedAwayIsDeleted() throws Exception {
        UUID first = UUID.randomUUID();
        ProductsTable.merge(first, Map.of("sku-1", "Solo"));
        bus.publish(EventBus.finished(first.toString(), IngestState.COMPLETED_WITH_ERRORS));
        AggregatesChanged one = bus.awaitAggregatesChanged(first.toString(), 1);
        assertEquals(new AggregatesChanged(1, first.toString(), 1, 1, one.changedAt()), one);
        assertEquals(Map.of("Solo", 1L), ProductsTable.productCounts());

        UUID second = UUID.randomUUID();
        ProductsTable.merge(second, Map.of("sku-1", "Duo"));
        bus.publish(EventBus.finished(second.toString(), IngestState.COMPLETED));
        AggregatesChanged renamed = bus.awaitAggregatesChanged(second.toString(), 1);

        assertEquals(new AggregatesChanged(1, second.toString(), 1, 1, renamed.changedAt()), renamed);
        assertEquals(Map.of("Duo", 1L), ProductsTable.productCounts());
        given().when().get("/api/aggregates").then().statusCode(200)
                .body(equalTo("{\"items\":[{\"name\":\"Duo\",\"count\":1}],\"products\":1,\"names\":1}"));
    }

    @Test
    void aJobWithoutMergedRowsChangesNothingAndIsStillAnnounced() throws Exception {
        UUID first = UUID.randomUUID();
        ProductsTable.merge(first, Map.of("sku-1", "Kept"));
        bus.publish(EventBus.finished(first.toString(), IngestState.COMPLETED));
        bus.awaitAggregatesChanged(first.toString(), 1);
        List<String> rowVersions = ProductsTable.productCountVersions();

        String failed = UUID.randomUUID().toString(); // e.g. failed before its merge: no deltas at all
        bus.publish(EventBus.finished(failed, IngestState.FAILED));
        AggregatesChanged changed = bus.awaitAggregatesChanged(failed, 1);

        assertEquals(new AggregatesChanged(1, failed, 1, 1, changed.changedAt()), changed);
        assertEquals(rowVersions, ProductsTable.productCountVersions());
    }

    @Test
    void aFailedJobRetriedToCompletionHasItsChangesAddedOnce() throws Exception {
        UUID retried = UUID.randomUUID();
        bus.publish(EventBus.finished(retried.toString(), IngestState.FAILED));
        AggregatesChanged failed = bus.awaitAggregatesChanged(retried.toString(), 1);
        assertEquals(Map.of(), ProductsTable.productCounts());
        assertEquals(new AggregatesChanged(1, retried.toString(), 0, 0, failed.changedAt()), failed);

        // the retry ran the failed chunks and merged: its changes are added now, and only once
        ProductsTable.merge(retried, Map.of("sku-1", "Retried", "sku-2", "Retried"));
        put("sku-1", "Retried");
        put("sku-2", "Retried");
        bus.publish(EventBus.finished(retried.toString(), IngestState.COMPLETED));
        AggregatesChanged completed = bus.awaitAggregatesChanged(retried.toString(), 2);
        assertEquals(new AggregatesChanged(1, retried.toString(), 2, 1, completed.changedAt()), completed);
        bus.publish(EventBus.finished(retried.toString(), IngestState.COMPLETED));
        bus.awaitAggregatesChanged(retried.toString(), 3);
        assertEquals(Map.of("Retried", 2L), ProductsTable.productCounts());
        assertEquals(expectedCounts(), ProductsTable.productCounts());
    }

    @Test
    void changesWaitWhileAnotherTransactionHoldsTheCountsLock() throws Exception {
        UUID uploadId = UUID.randomUUID();
        ProductsTable.merge(uploadId, Map.of("sku-1", "Locked"));
        try (Connection other = ProductsTable.holdCountsLock()) {
            bus.publish(EventBus.finished(uploadId.toString(), IngestState.COMPLETED));
            Thread.sleep(2000);
            assertEquals(0, bus.countAggregatesChanged(uploadId.toString()), "announced while the lock was held");
            assertEquals(Map.of(), ProductsTable.productCounts());
            other.commit();
        }
        AggregatesChanged changed = bus.awaitAggregatesChanged(uploadId.toString(), 1);

        assertEquals(new AggregatesChanged(1, uploadId.toString(), 1, 1, changed.changedAt()), changed);
        assertEquals(Map.of("Locked", 1L), ProductsTable.productCounts());
    }

    @Test
    void aMalformedRecordIsSkippedAndTheNextEventStillAddsItsChanges() throws Exception {
        UUID uploadId = UUID.randomUUID();
        ProductsTable.merge(uploadId, Map.of("sku-1", "Kept", "sku-2", "Kept"));
        // Same key, so the same partition: the valid event is processed after the malformed one.
        bus.publishRaw(uploadId.toString(), "{not json".getBytes(StandardCharsets.UTF_8));
        bus.publish(EventBus.finished(uploadId.toString(), IngestState.COMPLETED));

        AggregatesChanged changed = bus.awaitAggregatesChanged(uploadId.toString(), 1);

        assertEquals(new AggregatesChanged(1, uploadId.toString(), 2, 1, changed.changedAt()), changed);
        assertEquals(Map.of("Kept", 2L), ProductsTable.productCounts());
        assertEquals(1, bus.countAggregatesChanged(uploadId.toString()), "the malformed record must not be announced");
    }

    @Test
    void aPartAddedBeforeACrashIsNotAddedAgain() throws Exception {
        UUID uploadId = mergeTwentyNames();
        // The service died after committing part 2 of 3 (of the configured 3), before the other parts.
        long namesOfPart = addPartAsBeforeACrash(uploadId, 1, 3);
        assertTrue(namesOfPart > 0, "the test needs names in the part added before the crash");

        bus.publish(EventBus.finished(uploadId.toString(), IngestState.COMPLETED));
        AggregatesChanged changed = bus.awaitAggregatesChanged(uploadId.toString(), 1);

        assertEquals(expectedCounts(), ProductsTable.productCounts());
        assertEquals(new AggregatesChanged(1, uploadId.toString(), 40, 20, changed.changedAt()), changed);
    }

    @Test
    void anUploadStartedWithAnotherNumberOfPartsIsFinishedWithThatNumber() throws Exception {
        UUID uploadId = mergeTwentyNames();
        // Part 1 of 2 committed, then the service restarted configured with 3 parts (test profile).
        long namesOfPart = addPartAsBeforeACrash(uploadId, 0, 2);
        assertTrue(namesOfPart > 0, "the test needs names in the part added before the crash");

        bus.publish(EventBus.finished(uploadId.toString(), IngestState.COMPLETED));
        bus.awaitAggregatesChanged(uploadId.toString(), 1);

        assertEquals(expectedCounts(), ProductsTable.productCounts());
        try (Connection c = Sql.connect();
                PreparedStatement sources = c.prepareStatement(
                        "SELECT source FROM applied_count_changes ORDER BY source");
                ResultSet rows = sources.executeQuery()) {
            List<String> recorded = new ArrayList<>();
            while (rows.next()) {
                recorded.add(rows.getString(1));
            }
            assertEquals(List.of("upload " + uploadId + " names 1 of 2", "upload " + uploadId + " names 2 of 2"),
                    recorded);
        }
    }

    /** 40 products over 20 names (2 each), merged as one upload. */
    private UUID mergeTwentyNames() throws Exception {
        for (int i = 0; i < 40; i++) {
            put(String.format("sku-%02d", i), "Name " + (i % 20));
        }
        UUID uploadId = UUID.randomUUID();
        ProductsTable.merge(uploadId, products);
        return uploadId;
    }

    /**
     * Plays a transaction of the service that committed one part of an upload's changes before the
     * service died: the names hashing to {@code part} of {@code parts} counted, the part recorded.
     * Yields the number of names it counted.
     */
    private static long addPartAsBeforeACrash(UUID uploadId, int part, int parts) throws Exception {
        try (Connection c = Sql.connect();
                PreparedStatement add = c.prepareStatement("""
                        INSERT INTO product_counts (name, product_count)
                        SELECT name, sum(delta) FROM name_count_deltas
                        WHERE upload_id = ? AND (hashtext(name) & 2147483647) % ? = ?
                        GROUP BY name""");
                PreparedStatement record = c.prepareStatement(
                        "INSERT INTO applied_count_changes (source) VALUES (?)")) {
            c.setAutoCommit(false);
            add.setObject(1, uploadId);
            add.setInt(2, parts);
            add.setInt(3, part);
            long names = add.executeUpdate();
            record.setString(1, "upload " + uploadId + " names " + (part + 1) + " of " + parts);
            record.executeUpdate();
            c.commit();
            return names;
        }
    }

    private void put(String sku, String name) {
        products.put(sku, name);
    }

    /** name → number of skus with it, computed in Java from what the test wrote. */
    private Map<String, Long> expectedCounts() {
        return products.values().stream()
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
    }
}
