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
import io.quarkus.logging.Log;
import io.vertx.pgclient.PgException;

/**
 * The HTTP status of each domain exception, as an {@link ErrorResponse}; and the statement timeout. Invalid
 * parameters, framework errors and anything unexpected are answered by service-errors' shared mappers.
 */
public class ErrorMapper {

    /** PostgreSQL's "canceling statement due to statement timeout". */
    static final String QUERY_CANCELED = "57014";

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
        if (!QUERY_CANCELED.equals(e.getSqlState())) {
            return ErrorMappers.unexpectedFailure(e);
        }
        Log.warnf("A query ran past lfp.dashboard.statement-timeout (%s)", config.statementTimeout());
        return ErrorResponse.response(503, "Query timed out", "The database did not answer within "
                + config.statementTimeout().toMillis() + " ms; try again, or narrow the search");
    }
}
