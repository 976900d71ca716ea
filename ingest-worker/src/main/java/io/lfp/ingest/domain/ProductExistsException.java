package io.lfp.ingest.domain;

/** A product with the sku to create exists already (mapped to 409). */
public class ProductExistsException extends ProductEditException {

    public ProductExistsException(String sku) {
        super("Product exists", "A product with sku '" + sku + "' already exists");
    }
}
