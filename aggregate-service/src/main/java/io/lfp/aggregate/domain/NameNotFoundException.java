package io.lfp.aggregate.domain;

/** No product carries the requested name. */
public class NameNotFoundException extends AggregateException {

    public NameNotFoundException(String name) {
        super("Name not found", "No product has the name '" + name + "'");
    }
}
