package io.lfp.ingest.domain;

/**
 * Column arrays for one upsert statement: deduplicated by sku and sorted by sku.
 * Boxed {@code Long[]} because the reactive PostgreSQL client binds those as bigint[].
 *
 * @param skus         product keys, ascending, no duplicates
 * @param names        names, same order
 * @param descriptions descriptions, same order
 * @param srcUploads   upload sequence of every row (all equal within a batch)
 * @param srcLines     record number each row came from
 */
public record ProductBatch(String[] skus, String[] names, String[] descriptions, Long[] srcUploads, Long[] srcLines) {

    public int size() {
        return skus.length;
    }
}
