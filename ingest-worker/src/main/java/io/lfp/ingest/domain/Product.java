package io.lfp.ingest.domain;

import java.time.Instant;

/**
 * A product as the single-product API shows it.
 *
 * @param sku product key
 * @param name product name
 * @param description product description
 * @param updatedAt when the row was last written (by an upload or an edit)
 */
public record Product(String sku, String name, String description, Instant updatedAt) {
}
