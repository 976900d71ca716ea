package io.lfp.dashboard.domain;

import io.lfp.errors.DomainException;
import io.lfp.errors.ErrorMappers;

/**
 * Query parameters that are each valid but do not go together. A parameter that is wrong by itself is refused by
 * its Bean Validation constraint, with the same title.
 */
public class InvalidParameterException extends DomainException {

    private InvalidParameterException(String detail) {
        super(ErrorMappers.INVALID_PARAMETER, detail);
    }

    /** A keyset cursor replaces the page number: both at once would be ambiguous. */
    public static InvalidParameterException together(String first, String second) {
        return new InvalidParameterException(first + " and " + second + " cannot be used together");
    }

    /** A parameter that this combination of others needs. */
    public static InvalidParameterException required(String name) {
        return new InvalidParameterException(name + " is required here");
    }
}
