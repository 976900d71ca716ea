package io.lfp.aggregate.domain;

import java.time.Instant;

/**
 * What a reconcile of product_counts left behind.
 *
 * @param products     number of products (sum of all counts)
 * @param names        number of distinct names (rows of product_counts)
 * @param changedAt    database clock at the end of the reconcile transaction, just before it committed
 * @param namesUpdated names inserted or whose count changed
 * @param namesDeleted names no product carries any more
 */
public record Reconciled(long products, long names, Instant changedAt, long namesUpdated, long namesDeleted) {
}
