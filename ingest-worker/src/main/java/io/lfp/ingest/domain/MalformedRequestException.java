package io.lfp.ingest.domain;

/** A request body that is not the JSON object the endpoint takes (mapped to 400). */
public class MalformedRequestException extends ProductEditException {

    public MalformedRequestException(String detail) {
        super("Malformed JSON", detail);
    }
}
