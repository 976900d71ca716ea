package io.lfp.upload.domain;

import io.lfp.errors.DomainException;

/** The file's first bytes are not UTF-8 text (a NUL byte, or a byte sequence UTF-8 does not allow). */
public class NotTextFileException extends DomainException {

    public NotTextFileException(String detail) {
        super("Not a text CSV file", detail);
    }
}
