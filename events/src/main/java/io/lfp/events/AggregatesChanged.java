package io.lfp.events;

import java.time.Instant;

/**
 * product_counts was brought up to date after an ingest job and equals
 * {@code SELECT name, count(*) FROM products GROUP BY name}.
 *
 * @param version   payload version, {@link #VERSION}
 * @param uploadId  the upload whose end caused the update (null for other causes); also the Kafka key
 * @param products  number of products after the update
 * @param names     number of distinct names after the update
 * @param changedAt when the update committed
 */
public record AggregatesChanged(int version, String uploadId, long products, long names, Instant changedAt) {

    public static final int VERSION = 1;
}
