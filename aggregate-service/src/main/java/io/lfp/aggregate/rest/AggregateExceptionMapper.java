package io.lfp.aggregate.rest;

import io.lfp.aggregate.domain.AggregateException;
import io.lfp.aggregate.domain.NameNotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Turns refused requests into 4xx bodies {"error": "...", "detail": "..."}. */
@Provider
public class AggregateExceptionMapper implements ExceptionMapper<AggregateException> {

    @Override
    public Response toResponse(AggregateException e) {
        Response.Status status = e instanceof NameNotFoundException ? Response.Status.NOT_FOUND
                : Response.Status.BAD_REQUEST;
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody(e.error(), e.detail())).build();
    }
}
