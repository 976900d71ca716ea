package io.lfp.upload.domain;

/** A gzip upload expands past lfp.upload.max-decompressed-bytes. */
public class DecompressedTooLargeException extends ApiException {

    public DecompressedTooLargeException(long limit) {
        super(413, "Decompressed file too large", "The limit for a gzip file is " + limit + " bytes decompressed");
    }
}
