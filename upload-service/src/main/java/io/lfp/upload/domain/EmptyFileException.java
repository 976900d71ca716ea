package io.lfp.upload.domain;

import io.lfp.errors.DomainException;

/** The upload has no bytes at all, so not even a header. */
public class EmptyFileException extends DomainException {

    public EmptyFileException(String expected) {
        super("Empty file", "The file has no header line; expected '" + expected + "'");
    }
}
