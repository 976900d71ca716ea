package io.lfp.ingest.domain;

/** No product has the requested sku (mapped to 404). */
public class ProductNotFoundException extends ProductEditException {

    public ProductNotFoundException(String sku) {
        super("Product not found", "No product with sku '" + sku + "'");
    }
}
