package io.lfp.dashboard.domain;

/** No product has the sku a client asked for. */
public class ProductNotFoundException extends RuntimeException {

    public ProductNotFoundException(String sku) {
        super("No product with sku '" + sku + "'");
    }
}
