package io.lfp.dashboard.rest;

import io.lfp.dashboard.config.DashboardConfig;
import io.lfp.dashboard.domain.InvalidParameterException;
import io.lfp.dashboard.domain.NameNotFoundException;
import io.lfp.dashboard.domain.ProductNotFoundException;
import io.lfp.dashboard.domain.TooManyLiveClientsException;
import io.lfp.dashboard.domain.UploadNotFoundException;
import io.quarkus.logging.Log;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Every error as {"error": "...", "detail": "..."}; never a stack trace to a client. */
@Provider
public class ErrorMapper implements ExceptionMapper<Throwable> {

    private final DashboardConfig config;

    public ErrorMapper(DashboardConfig config) {
        this.config = config;
    }

    @Override
    public Response toResponse(Throwable failure) {
        if (failure instanceof InvalidParameterException e) {
            return body(400, "Invalid parameter", e.getMessage());
        }
        if (failure instanceof ProductNotFoundException e) {
            return body(404, "Product not found", e.getMessage());
        }
        if (failure instanceof NameNotFoundException e) {
            return body(404, "Name not found", e.getMessage());
        }
        if (failure instanceof UploadNotFoundException e) {
            return body(404, "Upload not found", e.getMessage());
        }
        if (failure instanceof TooManyLiveClientsException e) {
            return Response.fromResponse(body(503, "Too many live clients", e.getMessage()))
                    .header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds()).build();
        }
        if (failure instanceof WebApplicationException e) {
            int status = e.getResponse().getStatus();
            return body(status, e.getResponse().getStatusInfo().getReasonPhrase(), e.getMessage());
        }
        if (QueryTimeouts.isStatementTimeout(failure)) {
            Log.warnf("A query ran past lfp.dashboard.statement-timeout (%s)", config.statementTimeout());
            return body(503, "Query timed out", "The database did not answer within "
                    + config.statementTimeout().toMillis() + " ms; try again, or narrow the search");
        }
        Log.errorf(failure, "Request failed");
        return body(500, "Internal error", "The dashboard could not read its data; see the service log");
    }

    private static Response body(int status, String error, String detail) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .entity(new ApiResponses.Error(error, detail))
                .build();
    }
}
