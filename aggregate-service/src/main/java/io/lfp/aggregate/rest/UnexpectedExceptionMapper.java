package io.lfp.aggregate.rest;

import io.quarkus.logging.Log;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Every other failure: the same JSON shape, never a stack trace; the cause goes to the log. */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Exception> {

    @Override
    public Response toResponse(Exception e) {
        if (e instanceof WebApplicationException wae) {
            // JAX-RS decided the status (unknown path, wrong method, ...): keep it.
            Response.StatusType status = wae.getResponse().getStatusInfo();
            return Response.status(status).type(MediaType.APPLICATION_JSON)
                    .entity(new ErrorBody(status.getReasonPhrase(), e.getMessage())).build();
        }
        Log.error("Request failed", e);
        return Response.serverError().type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody("Internal error", "The request failed; see the service log")).build();
    }
}
