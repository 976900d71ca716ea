package io.lfp.security;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * 401 and 403 of the JAX-RS endpoints ({@code @RolesAllowed}, deny-unannotated) as {@code {"error","detail"}}. They
 * take precedence over service-errors' catch-all mapper of {@code Exception} (more specific type) and over
 * Quarkus' own security mappers (user mappers come first).
 */
public class AuthExceptionMappers {

    @ServerExceptionMapper
    public Uni<Response> unauthorized(UnauthorizedException e, RoutingContext request) {
        return challenge(request);
    }

    /** A token that is invalid or expired, when authentication runs on demand (proactive authentication off). */
    @ServerExceptionMapper
    public Uni<Response> authenticationFailed(AuthenticationFailedException e, RoutingContext request) {
        return challenge(request);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(AuthErrors.forbidden()).build();
    }

    private static Uni<Response> challenge(RoutingContext request) {
        return Challenge.of(request).map(challenge -> {
            Response.ResponseBuilder response = Response.status(challenge.status());
            challenge.headers().forEach(response::header);
            if (challenge.hasJsonBody()) {
                response.type(MediaType.APPLICATION_JSON_TYPE).entity(AuthErrors.unauthorized());
            }
            return response.build();
        });
    }
}
