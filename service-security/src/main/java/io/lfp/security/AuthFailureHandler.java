package io.lfp.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * 401 and 403 outside the JAX-RS endpoints as {@code {"error","detail"}}: a token refused by proactive
 * authentication before any endpoint runs, and the HTTP permission policies of other routes (static files). What
 * the mechanism's challenge says is kept (WWW-Authenticate, or the login redirect of a page).
 */
@ApplicationScoped
public class AuthFailureHandler {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
    }

    void handle(RoutingContext request) {
        HttpServerResponse response = request.response();
        if (response.ended() || response.headWritten()) {
            request.next();
            return;
        }
        Throwable failure = request.failure();
        if (failure instanceof ForbiddenException || (failure == null && request.statusCode() == 403)) {
            end(response, 403, AuthErrors.forbidden());
        } else if (failure instanceof UnauthorizedException || failure instanceof AuthenticationFailedException
                || (failure == null && request.statusCode() == Challenge.UNAUTHORIZED)) {
            Challenge.of(request).subscribe().with(challenge -> {
                if (response.ended()) {
                    return;
                }
                challenge.headers().forEach(response::putHeader);
                if (challenge.hasJsonBody()) {
                    end(response, challenge.status(), AuthErrors.unauthorized());
                } else {
                    response.setStatusCode(challenge.status()).end();
                }
            });
        } else {
            request.next();
        }
    }

    private static void end(HttpServerResponse response, int status, String json) {
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(json);
    }
}
