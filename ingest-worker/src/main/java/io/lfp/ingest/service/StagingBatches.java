package io.lfp.ingest.service;

import io.lfp.ingest.domain.ProductRow;
import io.lfp.ingest.domain.StagingBatch;
import java.util.ArrayList;
import java.util.List;

/** Cuts a chunk's valid rows into the column arrays of its staging inserts. */
public final class StagingBatches {

    private StagingBatches() {
    }

    /**
     * Batches of at most {@code batchSize} rows, also cut once a batch holds about {@code maxChars}
     * characters so a chunk of huge descriptions cannot build one giant statement. Rows keep file
     * order; nothing is deduplicated here: the merge picks the last occurrence of every sku.
     */
    public static List<StagingBatch> cut(List<ProductRow> rows, int batchSize, long maxChars) {
        int limit = Math.max(1, batchSize);
        List<StagingBatch> batches = new ArrayList<>(rows.size() / limit + 1);
        int from = 0;
        long chars = 0;
        for (int i = 0; i < rows.size(); i++) {
            chars += rows.get(i).chars();
            if (i + 1 - from >= limit || chars >= maxChars) {
                batches.add(batch(rows, from, i + 1));
                from = i + 1;
                chars = 0;
            }
        }
        if (from < rows.size()) {
            batches.add(batch(rows, from, rows.size()));
        }
        return batches;
    }

    private static StagingBatch batch(List<ProductRow> rows, int from, int to) {
        int n = to - from;
        Long[] recordNumbers = new Long[n];
        String[] skus = new String[n];
        String[] names = new String[n];
        String[] descriptions = new String[n];
        for (int i = 0; i < n; i++) {
            ProductRow row = rows.get(from + i);
            recordNumbers[i] = row.recordNumber();
            skus[i] = row.sku();
            names[i] = row.name();
            descriptions[i] = row.description();
        }
        return new StagingBatch(recordNumbers, skus, names, descriptions);
    }
}
