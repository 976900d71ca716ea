package io.lfp.ingest.service;

import io.lfp.ingest.domain.ProductBatch;
import io.lfp.ingest.domain.ProductRow;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class BatchPreparerTest {

    @Test
    void lastOccurrenceWinsAndSkusAreSorted() {
        ProductBatch batch = BatchPreparer.prepare(List.of(
                new ProductRow("b", "B1", "first b", 1),
                new ProductRow("a", "A1", "only a", 2),
                new ProductRow("c", "C1", "first c", 3),
                new ProductRow("b", "B2", "second b", 4),
                new ProductRow("c", "C2", "second c", 5),
                new ProductRow("b", "B3", "third b", 6)), 42);
        assertArrayEquals(new String[] { "a", "b", "c" }, batch.skus());
        assertArrayEquals(new String[] { "A1", "B3", "C2" }, batch.names());
        assertArrayEquals(new String[] { "only a", "third b", "second c" }, batch.descriptions());
        assertArrayEquals(new Long[] { 42L, 42L, 42L }, batch.srcUploads());
        assertArrayEquals(new Long[] { 2L, 6L, 5L }, batch.srcLines());
    }

    @Test
    void emptyBatchStaysEmpty() {
        ProductBatch batch = BatchPreparer.prepare(List.of(), 1);
        assertArrayEquals(new String[0], batch.skus());
    }
}
