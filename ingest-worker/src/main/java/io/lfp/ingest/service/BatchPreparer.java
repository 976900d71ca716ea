package io.lfp.ingest.service;

import io.lfp.ingest.domain.ProductBatch;
import io.lfp.ingest.domain.ProductRow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns a batch of valid rows (in file order) into the column arrays of one upsert statement. */
public final class BatchPreparer {

    private BatchPreparer() {
    }

    /**
     * Deduplicates by sku, keeping the last occurrence (ON CONFLICT DO UPDATE cannot touch a row
     * twice in one statement), and sorts by sku. Any fixed total order prevents two concurrent
     * batches from locking the same rows in opposite orders; Java's String order is used.
     */
    public static ProductBatch prepare(List<ProductRow> rows, long uploadSeq) {
        List<ProductRow> unique = uniqueSorted(rows);
        return batch(unique, 0, unique.size(), uploadSeq);
    }

    /**
     * Prepares a whole chunk: deduplicated and sorted as ONE list, then cut into statements of at most
     * {@code batchSize} rows (and about {@code maxChars} characters). Every statement of the chunk's
     * transaction thus locks products in ascending sku order after the previous one, so the chunk takes
     * its row locks in one global order; two concurrent chunk transactions that share skus then wait for
     * each other instead of deadlocking (sorting per statement only would let chunk A hold "m" while
     * waiting for "c" in its next statement, and chunk B the reverse).
     */
    public static List<ProductBatch> prepareChunk(List<ProductRow> rows, long uploadSeq, int batchSize,
            long maxChars) {
        List<ProductRow> unique = uniqueSorted(rows);
        List<ProductBatch> batches = new ArrayList<>(unique.size() / Math.max(1, batchSize) + 1);
        int from = 0;
        long chars = 0;
        for (int i = 0; i < unique.size(); i++) {
            chars += unique.get(i).chars();
            if (i + 1 - from >= batchSize || chars >= maxChars) {
                batches.add(batch(unique, from, i + 1, uploadSeq));
                from = i + 1;
                chars = 0;
            }
        }
        if (from < unique.size()) {
            batches.add(batch(unique, from, unique.size(), uploadSeq));
        }
        return batches;
    }

    private static List<ProductRow> uniqueSorted(List<ProductRow> rows) {
        Map<String, ProductRow> last = new HashMap<>(rows.size() * 2);
        for (ProductRow row : rows) {
            last.put(row.sku(), row);
        }
        List<ProductRow> unique = new ArrayList<>(last.values());
        unique.sort((a, b) -> a.sku().compareTo(b.sku()));
        return unique;
    }

    private static ProductBatch batch(List<ProductRow> unique, int from, int to, long uploadSeq) {
        int n = to - from;
        String[] skus = new String[n];
        String[] names = new String[n];
        String[] descriptions = new String[n];
        Long[] uploads = new Long[n];
        Long[] lines = new Long[n];
        Long seq = uploadSeq;
        for (int i = 0; i < n; i++) {
            ProductRow r = unique.get(from + i);
            skus[i] = r.sku();
            names[i] = r.name();
            descriptions[i] = r.description();
            uploads[i] = seq;
            lines[i] = r.recordNumber();
        }
        return new ProductBatch(skus, names, descriptions, uploads, lines);
    }
}
