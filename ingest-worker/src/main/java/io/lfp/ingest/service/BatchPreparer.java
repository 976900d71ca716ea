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
        Map<String, ProductRow> last = new HashMap<>(rows.size() * 2);
        for (ProductRow row : rows) {
            last.put(row.sku(), row);
        }
        List<ProductRow> unique = new ArrayList<>(last.values());
        unique.sort((a, b) -> a.sku().compareTo(b.sku()));
        int n = unique.size();
        String[] skus = new String[n];
        String[] names = new String[n];
        String[] descriptions = new String[n];
        Long[] uploads = new Long[n];
        Long[] lines = new Long[n];
        Long seq = uploadSeq;
        for (int i = 0; i < n; i++) {
            ProductRow r = unique.get(i);
            skus[i] = r.sku();
            names[i] = r.name();
            descriptions[i] = r.description();
            uploads[i] = seq;
            lines[i] = r.recordNumber();
        }
        return new ProductBatch(skus, names, descriptions, uploads, lines);
    }
}
