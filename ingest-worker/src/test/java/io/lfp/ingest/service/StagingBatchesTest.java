package io.lfp.ingest.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lfp.ingest.domain.ProductRow;
import io.lfp.ingest.domain.StagingBatch;
import java.util.List;
import org.junit.jupiter.api.Test;

class StagingBatchesTest {

    private static final List<ProductRow> ROWS = List.of(
            new ProductRow("b", "B", "xx", 1),
            new ProductRow("a", "A", "y", 2),
            new ProductRow("b", "B2", "z", 3),
            new ProductRow("c", "C", "w", 4),
            new ProductRow("d", "D", "v", 5));

    @Test
    void rowsKeepFileOrderAndDuplicatesAndAreCutByRowCount() {
        List<StagingBatch> batches = StagingBatches.cut(ROWS, 2, Long.MAX_VALUE);
        assertEquals(3, batches.size());
        assertArrayEquals(new String[] { "b", "a" }, batches.get(0).skus());
        assertArrayEquals(new Long[] { 3L, 4L }, batches.get(1).recordNumbers());
        assertArrayEquals(new String[] { "B2", "C" }, batches.get(1).names());
        assertArrayEquals(new String[] { "v" }, batches.get(2).descriptions());
    }

    @Test
    void aBatchIsAlsoCutWhenItHoldsTooManyCharacters() {
        // chars per row: 4, 3, 4, 3, 3; a batch is cut as soon as it reaches 6
        List<StagingBatch> batches = StagingBatches.cut(ROWS, 100, 6);
        assertEquals(List.of(2, 2, 1), batches.stream().map(StagingBatch::size).toList());
    }

    @Test
    void noRowsGiveNoBatches() {
        assertEquals(List.of(), StagingBatches.cut(List.of(), 10, 100));
    }
}
