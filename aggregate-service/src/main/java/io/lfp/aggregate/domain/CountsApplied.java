package io.lfp.aggregate.domain;

import java.time.Instant;

/**
 * product_counts after an upload's or an edit's count changes were added.
 *
 * @param products number of products (sum of all counts)
 * @param names number of distinct names (rows of product_counts)
 * @param changedAt database clock at the end of the transaction, just before it committed
 * @param namesChanged names whose count changed (inserted or updated rows)
 * @param namesDeleted names no product carries any more
 * @param alreadyApplied the changes had been added before (an event delivered again): nothing changed
 */
public record CountsApplied(long products, long names, Instant changedAt, long namesChanged, long namesDeleted,
        boolean alreadyApplied) {
}
