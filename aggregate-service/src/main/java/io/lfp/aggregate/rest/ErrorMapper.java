package io.lfp.aggregate.rest;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.lfp.aggregate.domain.NameNotFoundException;
import io.lfp.errors.ErrorResponse;

/**
 * The HTTP status of each domain exception, as an {@link ErrorResponse}. Invalid parameters, framework errors and
 * anything unexpected are answered by service-errors' shared mappers.
 */
public class ErrorMapper {

    @ServerExceptionMapper
    public Response nameNotFound(NameNotFoundException e) {
        return ErrorResponse.response(404, e);
    }
}
