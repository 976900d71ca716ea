package io.lfp.ingest.domain;

/** The request's product is not valid by the same rules as a CSV row (mapped to 400). */
public class InvalidProductException extends ProductEditException {

    public InvalidProductException(String detail) {
        super("Invalid product", detail);
    }
}
