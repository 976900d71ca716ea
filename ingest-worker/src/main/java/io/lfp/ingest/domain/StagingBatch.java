package io.lfp.ingest.domain;

/**
 * Column arrays for one insert into an upload's staging table, in file order. Boxed {@code Long[]}
 * because the reactive PostgreSQL client binds those as bigint[].
 *
 * @param recordNumbers each row's record number in its file (becomes products.src_line)
 * @param skus          product keys, duplicates allowed (the merge keeps the last occurrence)
 * @param names         names, same order
 * @param descriptions  descriptions, same order
 */
public record StagingBatch(Long[] recordNumbers, String[] skus, String[] names, String[] descriptions) {

    public int size() {
        return skus.length;
    }
}
