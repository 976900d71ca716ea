package io.lfp.ingest.rest;

import io.lfp.ingest.config.ProductEditConfig;
import io.lfp.ingest.domain.InvalidUploadIdException;
import io.lfp.ingest.domain.JobNotFoundException;
import io.quarkus.logging.Log;
import io.vertx.pgclient.PgException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Turns errors into {"error": ..., "detail": ...} JSON; never a stack trace to a client. */
@Provider
public class ErrorMapper implements ExceptionMapper<Exception> {

    private final ProductEditConfig config;

    public ErrorMapper(ProductEditConfig config) {
        this.config = config;
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

    @Override
    public Response toResponse(Exception e) {
        if (e instanceof JobNotFoundException) {
            return json(Response.Status.NOT_FOUND, "Not found", e.getMessage());
        }
        if (e instanceof InvalidUploadIdException) {
            return json(Response.Status.BAD_REQUEST, "Bad request", e.getMessage());
        }
        if (e instanceof WebApplicationException wae) {
            Response.StatusType status = wae.getResponse().getStatusInfo();
            return json(status, status.getReasonPhrase(), e.getMessage());
        }
        if (isStatementTimeout(e)) {
            Log.warnf("A product API statement ran past lfp.products.statement-timeout (%s)",
                    config.statementTimeout());
            return json(Response.Status.SERVICE_UNAVAILABLE, "Query timed out", "The database did not answer within "
                    + config.statementTimeout().toMillis() + " ms; try again");
        }
        Log.error("Request failed", e);
        return json(Response.Status.INTERNAL_SERVER_ERROR, "Internal error", "The request could not be completed");
    }

    private static Response json(Response.StatusType status, String error, String detail) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ErrorResponse(error, detail)).build();
    }
}
