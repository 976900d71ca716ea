package io.lfp.upload.domain;

/** The body starts like gzip but cannot be decompressed. */
public class InvalidGzipException extends ApiException {

    public InvalidGzipException(Throwable cause) {
        super(400, "Invalid gzip", "The file starts like gzip but cannot be decompressed: " + cause.getMessage(), cause);
    }
}
