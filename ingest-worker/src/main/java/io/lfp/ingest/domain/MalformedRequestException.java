package io.lfp.ingest.domain;

import io.lfp.errors.DomainException;

/** A request body that is not the JSON object the endpoint takes (mapped to 400). */
public class MalformedRequestException extends DomainException {

    public MalformedRequestException(String detail) {
        super("Malformed JSON", detail);
    }
}
