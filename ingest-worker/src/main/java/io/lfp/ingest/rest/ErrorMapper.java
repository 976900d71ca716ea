package io.lfp.ingest.rest;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.lfp.errors.ErrorMappers;
import io.lfp.errors.ErrorResponse;
import io.lfp.ingest.config.ProductEditConfig;
import io.lfp.ingest.domain.InvalidProductException;
import io.lfp.ingest.domain.JobNotFoundException;
import io.lfp.ingest.domain.MalformedRequestException;
import io.lfp.ingest.domain.ProductExistsException;
import io.lfp.ingest.domain.ProductNotFoundException;
import io.vertx.pgclient.PgException;

/**
 * The HTTP status of each domain exception, as an {@link ErrorResponse}; and the product API's statement timeout.
 * Invalid parameters, framework errors and anything unexpected are answered by service-errors' shared mappers.
 */
public class ErrorMapper {

    private final ProductEditConfig config;

    public ErrorMapper(ProductEditConfig config) {
        this.config = config;
    }

    @ServerExceptionMapper
    public Response jobNotFound(JobNotFoundException e) {
        return ErrorResponse.response(404, e);
    }

    @ServerExceptionMapper
    public Response productNotFound(ProductNotFoundException e) {
        return ErrorResponse.response(404, e);
    }

    @ServerExceptionMapper
    public Response productExists(ProductExistsException e) {
        return ErrorResponse.response(409, e);
    }

    @ServerExceptionMapper
    public Response invalidProduct(InvalidProductException e) {
        return ErrorResponse.response(400, e);
    }

    @ServerExceptionMapper
    public Response malformedRequest(MalformedRequestException e) {
        return ErrorResponse.response(400, e);
    }

    /** A statement past lfp.products.statement-timeout is worth a retry (503); any other database error is not. */
    @ServerExceptionMapper
    public Response database(PgException e) {
        return ErrorMappers.databaseFailure(e, e.getSqlState(), "lfp.products.statement-timeout", config.statementTimeout(),
                "");
    }
}
