package io.lfp.events;

import java.time.Instant;

/**
 * product_counts was brought up to date and equals {@code SELECT name, count(*) FROM products GROUP BY name}:
 * after an ingest job (the upload's count changes were added), or after a single-product edit (its
 * -1/+1 was added). Exact as a whole once the changes of every ended upload and edit are in; a count
 * may be off while a later upload's changes were added before an earlier one's.
 *
 * @param version payload version, {@link #VERSION}
 * @param uploadId the upload whose end caused the update; null when a single-product edit
 *        ({@link ProductChanged}) caused it; also the Kafka key
 * @param products number of products after the update
 * @param names number of distinct names after the update
 * @param changedAt when the update committed
 */
public record AggregatesChanged(int version, String uploadId, long products, long names, Instant changedAt) {

    public static final int VERSION = 1;
}
