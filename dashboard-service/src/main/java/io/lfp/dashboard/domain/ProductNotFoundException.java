package io.lfp.dashboard.domain;

import io.lfp.errors.DomainException;

/** No product has the sku a client asked for. */
public class ProductNotFoundException extends DomainException {

    public ProductNotFoundException(String sku) {
        super("Product not found", "No product with sku '" + sku + "'");
    }
}
