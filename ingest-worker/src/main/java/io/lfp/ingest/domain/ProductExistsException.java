package io.lfp.ingest.domain;

import io.lfp.errors.DomainException;

/** A product with the sku to create exists already (mapped to 409). */
public class ProductExistsException extends DomainException {

    public ProductExistsException(String sku) {
        super("Product exists", "A product with sku '" + sku + "' already exists");
    }
}
