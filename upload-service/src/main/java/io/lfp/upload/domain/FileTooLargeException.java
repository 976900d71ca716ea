package io.lfp.upload.domain;

/** The upload is larger than lfp.upload.max-size-bytes (decompressed size for gzip). */
public class FileTooLargeException extends ApiException {

    public FileTooLargeException(long limit) {
        super(413, "File too large", "The limit is " + limit + " bytes");
    }
}
