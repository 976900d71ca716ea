package io.lfp.dashboard.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.lfp.dashboard.config.DashboardConfig;
import io.lfp.dashboard.domain.InvalidParameterException;
import io.lfp.dashboard.domain.NameNotFoundException;
import io.lfp.dashboard.domain.ProductNotFoundException;
import io.lfp.dashboard.domain.TooManyLiveClientsException;
import io.lfp.dashboard.domain.UploadNotFoundException;
import io.lfp.errors.DomainException;
import io.lfp.errors.ErrorMappers;
import io.lfp.errors.ErrorResponse;
import io.vertx.pgclient.PgException;

/**
 * The HTTP status of each domain exception, as an {@link ErrorResponse}; and the statement timeout. Invalid
 * parameters, framework errors and anything unexpected are answered by service-errors' shared mappers.
 */
public class ErrorMapper {

    private final DashboardConfig config;

    public ErrorMapper(DashboardConfig config) {
        this.config = config;
    }

    @ServerExceptionMapper
    public Response invalidParameter(InvalidParameterException e) {
        return ErrorResponse.response(400, e);
    }

    @ServerExceptionMapper({ ProductNotFoundException.class, NameNotFoundException.class,
            UploadNotFoundException.class })
    public Response notFound(DomainException e) {
        return ErrorResponse.response(404, e);
    }

    /** 503 that says when to come back. */
    @ServerExceptionMapper
    public Response tooManyLiveClients(TooManyLiveClientsException e) {
        return ErrorResponse.builder(503, e.error(), e.detail())
                .header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds()).build();
    }

    /** A query past lfp.dashboard.statement-timeout is worth a retry (503); any other database error is not. */
    @ServerExceptionMapper
    public Response database(PgException e) {
        return ErrorMappers.databaseFailure(e, e.getSqlState(), "lfp.dashboard.statement-timeout", config.statementTimeout(),
                ", or narrow the search");
    }
}
