package io.lfp.aggregate.domain;

import io.lfp.errors.DomainException;

/** No product carries the requested name. */
public class NameNotFoundException extends DomainException {

    public NameNotFoundException(String name) {
        super("Name not found", "No product has the name '" + name + "'");
    }
}
