package io.lfp.ingest.domain;

/**
 * The fields a client sent to create or change a product, not validated yet.
 *
 * @param sku product key; for a change, null or equal to the sku in the path
 * @param name product name; required
 * @param description product description; null is stored as the empty string
 */
public record ProductInput(String sku, String name, String description) {
}
