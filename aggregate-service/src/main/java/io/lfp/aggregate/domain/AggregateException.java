package io.lfp.aggregate.domain;

/** A request the service refuses; the REST layer turns it into a 4xx body. */
public abstract class AggregateException extends RuntimeException {

    private final String error;

    protected AggregateException(String error, String detail) {
        super(detail);
        this.error = error;
    }

    /** Short, stable title of the error, e.g. "Name not found". */
    public String error() {
        return error;
    }

    /** What exactly was wrong, for a human. */
    public String detail() {
        return getMessage();
    }
}
