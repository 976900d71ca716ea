package io.lfp.ingest.domain;

/** A single-product request the service refuses; the REST layer turns it into a 4xx body. */
public abstract class ProductEditException extends RuntimeException {

    private final String error;

    protected ProductEditException(String error, String detail) {
        super(detail);
        this.error = error;
    }

    /** Short, stable title, e.g. "Product not found". */
    public String error() {
        return error;
    }
}
