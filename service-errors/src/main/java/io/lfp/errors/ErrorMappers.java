package io.lfp.errors;

import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.logging.Log;

/**
 * The answers every service shares, as {@link ErrorResponse}: invalid request parameters (Bean Validation), the
 * framework's own errors, and anything unexpected. A service's {@code rest/ErrorMapper} maps its domain exceptions;
 * being of more specific types, those mappers win over {@link #unexpected(Exception)}.
 */
public class ErrorMappers {

    /** The title of a violated constraint that does not name its own. */
    /** PostgreSQL's "canceling statement due to statement timeout". */
    public static final String QUERY_CANCELED = "57014";
    public static final String INVALID_PARAMETER = "Invalid parameter";
    /** The attribute a constraint annotation may declare to give its violations another title. */
    public static final String ERROR_ATTRIBUTE = "error";

    static final String INTERNAL_ERROR = "Internal error";
    static final String INTERNAL_ERROR_DETAIL = "The request could not be completed";

    /**
     * 400 with the constraint's message as the detail. Several violations in one request are listed in a stable
     * order, separated by "; ".
     */
    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        String error = e.getConstraintViolations().stream().map(ErrorMappers::title).sorted().findFirst()
                .orElse(INVALID_PARAMETER);
        String detail = e.getConstraintViolations().stream().map(ConstraintViolation::getMessage)
                .sorted(Comparator.naturalOrder()).collect(Collectors.joining("; "));
        return ErrorResponse.response(400, error, detail);
    }

    /** The framework decided the status (unknown path, wrong method, unsupported type, ...): it stays. */
    @ServerExceptionMapper
    public Response framework(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        return ErrorResponse.response(status.getStatusCode(), status.getReasonPhrase(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        return unexpectedFailure(e);
    }

    /**
     * 500: the failure goes to the log once, with its stack trace; the client gets a short text without it. For a
     * service's mapper of a specific type that is not always an expected failure.
     */
    public static Response unexpectedFailure(Throwable e) {
        Log.error("Request failed", e);
        return ErrorResponse.response(500, INTERNAL_ERROR, INTERNAL_ERROR_DETAIL);
    }

    /**
     * A database failure given its SQLSTATE: a statement cancelled by its timeout is worth a retry (503 "Query timed
     * out", naming the timeout); any other is an {@link #unexpectedFailure}.
     *
     * @param timeoutProperty the setting that bounds the service's statements, for the log
     * @param advice what the client may do besides trying again, e.g. ", or narrow the search" (or "")
     */
    public static Response databaseFailure(Throwable e, String sqlState, String timeoutProperty, Duration timeout,
            String advice) {
        if (!QUERY_CANCELED.equals(sqlState)) {
            return unexpectedFailure(e);
        }
        Log.warnf("A query ran past %s (%s)", timeoutProperty, timeout);
        return ErrorResponse.response(503, "Query timed out", "The database did not answer within "
                + timeout.toMillis() + " ms; try again" + advice);
    }

    private static String title(ConstraintViolation<?> violation) {
        Object error = violation.getConstraintDescriptor().getAttributes().get(ERROR_ATTRIBUTE);
        return error instanceof String title ? title : INVALID_PARAMETER;
    }
}
