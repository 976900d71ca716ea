package io.lfp.events;

/**
 * A record a consumer cannot read or may not act on: failing its handler with this sends the record to
 * the topic's dead-letter topic ({@link Topics#deadLetter}) instead of retrying it, with
 * {@link #getMessage()} as its {@code dead-letter-reason} header. The message names what is wrong,
 * never the record's or a file's contents; {@link #reason()} is a short code for metrics.
 */
public class DeadLetterException extends RuntimeException {

    /** Not an event of the topic's type: malformed JSON, an empty value. */
    public static final String UNREADABLE = "unreadable";
    /** A version this consumer does not know. */
    public static final String UNKNOWN_VERSION = "unknown-version";
    /** Fields that cannot be right (a missing id, a negative count, a range that ends before it starts). */
    public static final String INVALID = "invalid";
    /** Names an upload upload-service never recorded, or records differently. */
    public static final String UNKNOWN_UPLOAD = "unknown-upload";
    /** Names a bucket other than the configured one, or a key outside the allowed prefixes. */
    public static final String NOT_ALLOWED = "not-allowed";
    /** A byte range or size past what the object holds or the service accepts. */
    public static final String OUT_OF_RANGE = "out-of-range";
    /** The handler threw an Error (OutOfMemoryError, StackOverflowError, …) on it. */
    public static final String HANDLER_ERROR = "handler-error";
    /** The handler failed on it every time it was retried, and the failure is not an outage. */
    public static final String GAVE_UP = "gave-up";

    private final String reason;

    public DeadLetterException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public DeadLetterException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** One of the constants of this class: a metric tag, never free text. */
    public String reason() {
        return reason;
    }

    /** Expected, not a bug: a stack trace would only repeat the handler's frames. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
