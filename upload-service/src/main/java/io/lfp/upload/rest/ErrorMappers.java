package io.lfp.upload.rest;

import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import io.lfp.upload.config.UploadConfig;
import io.lfp.upload.domain.ApiException;
import io.lfp.upload.domain.TooManyUploadsException;
import io.quarkus.logging.Log;
import io.vertx.pgclient.PgException;

/** Errors become {@code {"error": ..., "detail": ...}}; a client never sees a stack trace. */
public final class ErrorMappers {

    private ErrorMappers() {
    }

    /** PostgreSQL's "canceling statement due to statement timeout" (SQLSTATE 57014). */
    static boolean isStatementTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && "57014".equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    static Response json(int status, String error, String detail) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorResponse(error, detail))
                .build();
    }

    /** A domain error's status and texts; a refusal for want of a slot says when to come back. */
    static Response json(ApiException e) {
        Response.ResponseBuilder response = Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorResponse(e.error(), e.detail()));
        if (e instanceof TooManyUploadsException busy) {
            response.header(HttpHeaders.RETRY_AFTER, busy.retryAfterSeconds());
        }
        return response.build();
    }

    /** Domain errors carry their own status and texts. */
    @Provider
    public static class ApiExceptionMapper implements ExceptionMapper<ApiException> {
        @Override
        public Response toResponse(ApiException e) {
            return json(e);
        }
    }

    /** Framework errors (unsupported media type, unknown path, ...) keep their status. */
    @Provider
    public static class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
        static final String SUPPORTED_TYPES = "Send the CSV as the body with Content-Type text/csv, "
                + "application/octet-stream or application/gzip, or as multipart/form-data with a 'file' field";

        @Override
        public Response toResponse(WebApplicationException e) {
            Response.StatusType status = e.getResponse().getStatusInfo();
            // the framework's own text talks about @Consumes; tell the client what to send instead
            String detail = e instanceof NotSupportedException ? SUPPORTED_TYPES : e.getMessage();
            return json(status.getStatusCode(), status.getReasonPhrase(), detail);
        }
    }

    /** Anything unexpected: logged with its stack trace here, a short message to the client. */
    @Provider
    public static class UnexpectedExceptionMapper implements ExceptionMapper<Exception> {
        private final UploadConfig config;

        public UnexpectedExceptionMapper(UploadConfig config) {
            this.config = config;
        }

        @Override
        public Response toResponse(Exception e) {
            if (isStatementTimeout(e)) {
                Log.warnf("A query ran past lfp.upload.statement-timeout (%s)", config.statementTimeout());
                return json(503, "Query timed out", "The database did not answer within "
                        + config.statementTimeout().toMillis() + " ms; try again");
            }
            Log.error("Unexpected error", e);
            return json(500, "Internal error", "Unexpected error; see the upload-service log");
        }
    }
}
