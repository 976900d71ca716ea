package io.lfp.aggregate.domain;

/** A request parameter is missing its allowed range or format. */
public class InvalidParameterException extends AggregateException {

    public InvalidParameterException(String detail) {
        super("Invalid parameter", detail);
    }
}
