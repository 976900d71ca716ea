package io.lfp.ingest.domain;

import io.lfp.errors.DomainException;

/** The request's product is not valid by the same rules as a CSV row (mapped to 400). */
public class InvalidProductException extends DomainException {

    public InvalidProductException(String detail) {
        super("Invalid product", detail);
    }
}
