package io.lfp.upload.domain;

import io.lfp.errors.DomainException;

/** A gzip upload expands past lfp.upload.max-decompressed-bytes. */
public class DecompressedTooLargeException extends DomainException {

    public DecompressedTooLargeException(long limit) {
        super("Decompressed file too large", "The limit for a gzip file is " + limit + " bytes decompressed");
    }
}
