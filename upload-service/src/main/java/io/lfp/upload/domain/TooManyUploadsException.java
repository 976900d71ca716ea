package io.lfp.upload.domain;

/** Every upload slot is taken (lfp.upload.max-concurrent-uploads); the client should come back later. */
public class TooManyUploadsException extends ApiException {

    private final int retryAfterSeconds;

    public TooManyUploadsException(int maxConcurrent, int retryAfterSeconds) {
        super(429, "Too many uploads", maxConcurrent + " uploads are streaming already; retry in "
                + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
