package io.lfp.ingest.domain;

import io.lfp.errors.DomainException;

/** No product has the requested sku (mapped to 404). */
public class ProductNotFoundException extends DomainException {

    public ProductNotFoundException(String sku) {
        super("Product not found", "No product with sku '" + sku + "'");
    }
}
