package io.lfp.errors;

/**
 * A request a service refuses for a reason of its domain (unknown id, invalid product, too many uploads, ...). It
 * carries the texts a client sees, not an HTTP status: each service's {@code rest/ErrorMapper} chooses that.
 */
public abstract class DomainException extends RuntimeException {

    private final String error;

    protected DomainException(String error, String detail) {
        this(error, detail, null);
    }

    protected DomainException(String error, String detail, Throwable cause) {
        super(detail, cause);
        this.error = error;
    }

    /** Short, stable title of the error, e.g. "Upload not found". */
    public String error() {
        return error;
    }

    /** What exactly was wrong, for a human. */
    public String detail() {
        return getMessage();
    }
}
