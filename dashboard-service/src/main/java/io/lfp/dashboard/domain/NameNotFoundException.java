package io.lfp.dashboard.domain;

/** No product carries the name a client asked for. */
public class NameNotFoundException extends RuntimeException {

    public NameNotFoundException(String name) {
        super("No products named '" + name + "'");
    }
}
