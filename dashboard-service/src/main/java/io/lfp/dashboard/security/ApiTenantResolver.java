package io.lfp.dashboard.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.oidc.TenantResolver;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

/**
 * Chooses the OIDC tenant of a request. A JSON request without the login's session cookie is an API client's:
 * it goes to the bearer-only tenant {@value #SERVICE}, so without a token it gets 401 JSON instead of a
 * redirect to the provider's login page. The page, and the page's own JSON calls (which carry the session
 * cookie), use the default tenant: bearer token or the code flow.
 */
@ApplicationScoped
public class ApiTenantResolver implements TenantResolver {

    /** The tenant of API clients (quarkus.oidc.service.*). */
    public static final String SERVICE = "service";
    /** The default tenant's session cookie; long sessions are split into q_session_chunk_1, ... */
    static final String SESSION_COOKIE = "q_session";

    @Override
    public String resolve(RoutingContext context) {
        if (!context.normalizedPath().startsWith("/api/") || hasSession(context)) {
            return null;
        }
        return SERVICE;
    }

    private static boolean hasSession(RoutingContext context) {
        for (Cookie cookie : context.request().cookies()) {
            if (cookie.getName().startsWith(SESSION_COOKIE)) {
                return true;
            }
        }
        return false;
    }
}
