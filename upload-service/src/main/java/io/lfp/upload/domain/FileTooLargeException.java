package io.lfp.upload.domain;

import io.lfp.errors.DomainException;

/** The upload is larger than lfp.upload.max-size-bytes (decompressed size for gzip). */
public class FileTooLargeException extends DomainException {

    public FileTooLargeException(long limit) {
        super("File too large", "The limit is " + limit + " bytes");
    }
}
