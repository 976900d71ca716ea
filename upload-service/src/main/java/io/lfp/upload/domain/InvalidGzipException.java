package io.lfp.upload.domain;

import io.lfp.errors.DomainException;

/** The body starts like gzip but cannot be decompressed. */
public class InvalidGzipException extends DomainException {

    public InvalidGzipException(Throwable cause) {
        super("Invalid gzip", "The file starts like gzip but cannot be decompressed: " + cause.getMessage(), cause);
    }
}
