package io.lfp.dashboard.domain;

import io.lfp.errors.DomainException;

/** No product carries the name a client asked for. */
public class NameNotFoundException extends DomainException {

    public NameNotFoundException(String name) {
        super("Name not found", "No products named '" + name + "'");
    }
}
