package io.lfp.ingest.domain;

import java.time.Instant;

import io.lfp.events.ProductChanged;

/**
 * A row of product_edit_outbox: one committed edit, to be announced as {@link ProductChanged}.
 *
 * @param id outbox id; ascending in commit order for one sku
 * @param sku the edited product
 * @param change CREATED, UPDATED or DELETED
 * @param oldName name before the edit, null when created
 * @param newName name after the edit, null when deleted
 * @param changedAt the edit transaction's clock (products.updated_at of the written row)
 */
public record ProductChange(long id, String sku, String change, String oldName, String newName, Instant changedAt) {

    public ProductChanged toEvent() {
        return new ProductChanged(ProductChanged.VERSION, sku, change, oldName, newName, changedAt, id);
    }
}
