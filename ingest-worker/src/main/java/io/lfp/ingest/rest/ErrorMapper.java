package io.lfp.ingest.rest;

import io.lfp.ingest.domain.InvalidUploadIdException;
import io.lfp.ingest.domain.JobNotFoundException;
import io.quarkus.logging.Log;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Turns errors into {"error": ..., "detail": ...} JSON; never a stack trace to a client. */
@Provider
public class ErrorMapper implements ExceptionMapper<Exception> {

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
        Log.error("Request failed", e);
        return json(Response.Status.INTERNAL_SERVER_ERROR, "Internal error", "The request could not be completed");
    }

    private static Response json(Response.StatusType status, String error, String detail) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ErrorResponse(error, detail)).build();
    }
}
