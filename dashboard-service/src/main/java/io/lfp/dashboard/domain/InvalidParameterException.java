package io.lfp.dashboard.domain;

/** A query parameter a client sent is out of range or not a number. */
public class InvalidParameterException extends RuntimeException {

    public InvalidParameterException(String detail) {
        super(detail);
    }
}
