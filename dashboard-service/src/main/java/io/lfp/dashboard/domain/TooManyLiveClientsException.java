package io.lfp.dashboard.domain;

import io.lfp.errors.DomainException;

/** The live stream has lfp.dashboard.stream-max-clients clients already. */
public class TooManyLiveClientsException extends DomainException {

    private final int retryAfterSeconds;

    public TooManyLiveClientsException(int maxClients, int retryAfterSeconds) {
        super("Too many live clients", maxClients + " clients are connected to the live stream already; retry in "
                + retryAfterSeconds + " s (the page reads the uploads list meanwhile)");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
