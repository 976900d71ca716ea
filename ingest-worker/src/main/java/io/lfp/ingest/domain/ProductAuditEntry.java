package io.lfp.ingest.domain;

import java.time.Instant;

/**
 * One single-product edit as the audit trail keeps it.
 *
 * @param id ascending in commit order; the keyset cursor of the audit pages
 * @param sku the edited product
 * @param action CREATED, UPDATED or DELETED
 * @param principal name of the authenticated caller that made the edit
 * @param before name and description before the edit; null when created
 * @param after name and description after the edit; null when deleted
 * @param changedAt the edit transaction's clock (products.updated_at of the written row)
 */
public record ProductAuditEntry(long id, String sku, String action, String principal, Values before, Values after,
        Instant changedAt) {

    /** The fields of a product an edit can change. */
    public record Values(String name, String description) {

        public static Values of(Product product) {
            return product == null ? null : new Values(product.name(), product.description());
        }
    }
}
