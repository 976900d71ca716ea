package io.lfp.upload.domain;

import io.lfp.errors.DomainException;

/** A multipart upload without its 'file' field (mapped to 400). */
public class MissingFileException extends DomainException {

    public MissingFileException() {
        super("Missing file", "The multipart form has no 'file' field");
    }
}
