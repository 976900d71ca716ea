package io.lfp.dashboard.domain;

/** The live stream has lfp.dashboard.stream-max-clients clients already. */
public class TooManyLiveClientsException extends RuntimeException {

    private final int retryAfterSeconds;

    public TooManyLiveClientsException(int maxClients, int retryAfterSeconds) {
        super(maxClients + " clients are connected to the live stream already; retry in " + retryAfterSeconds
                + " s (the page reads the uploads list meanwhile)");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
