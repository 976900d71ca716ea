package io.lfp.upload.domain;

/**
 * A failure a client should see as {@code {"error": ..., "detail": ...}} with the given HTTP status.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String error;

    public ApiException(int status, String error, String detail) {
        this(status, error, detail, null);
    }

    public ApiException(int status, String error, String detail, Throwable cause) {
        super(detail, cause);
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String detail() {
        return getMessage();
    }
}
