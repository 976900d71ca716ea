package io.lfp.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Security headers on every answer of the HTTP port: pages, static files, API answers and errors alike (they are
 * set when the headers are written, whoever wrote the answer). The management interface is not covered: it is
 * bound to 127.0.0.1 and serves Swagger UI, which needs inline script.
 */
@ApplicationScoped
public class SecurityHeaders {

    /** Before every other filter, so that no answer leaves without them. */
    static final int PRIORITY = Integer.MAX_VALUE;

    private final SecurityHeadersConfig config;

    public SecurityHeaders(SecurityHeadersConfig config) {
        this.config = config;
    }

    void install(@Observes Filters filters) {
        filters.register(this::onRequest, PRIORITY);
    }

    private void onRequest(RoutingContext request) {
        request.addHeadersEndHandler(ignored -> apply(request.response().headers()));
        request.next();
    }

    void apply(MultiMap headers) {
        headers.set("Content-Security-Policy", config.contentSecurityPolicy());
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", config.referrerPolicy());
    }
}
