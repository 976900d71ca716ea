package io.lfp.upload.domain;

import io.lfp.errors.DomainException;

/** Every upload slot is taken (lfp.upload.max-concurrent-uploads); the client should come back later. */
public class TooManyUploadsException extends DomainException {

    private final int retryAfterSeconds;

    public TooManyUploadsException(int maxConcurrent, int retryAfterSeconds) {
        super("Too many uploads", maxConcurrent + " uploads are streaming already; retry in "
                + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
