package io.lfp.security;

import java.util.LinkedHashMap;
import java.util.Map;

import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * What the authentication mechanism asks of a client without a valid principal: a bearer mechanism answers 401
 * with {@code WWW-Authenticate: Bearer}, the authorization code flow of a page redirects to the provider's login.
 * A 401 gets the JSON body; any other challenge (the redirect) is passed on as the mechanism made it.
 */
record Challenge(int status, Map<String, String> headers) {

    static final int UNAUTHORIZED = 401;
    private static final Challenge PLAIN = new Challenge(UNAUTHORIZED, Map.of());

    static Uni<Challenge> of(RoutingContext request) {
        HttpAuthenticator authenticator = request == null ? null : request.get(HttpAuthenticator.class.getName());
        if (authenticator == null) {
            return Uni.createFrom().item(PLAIN);
        }
        return authenticator.getChallenge(request)
                .map(data -> data == null ? PLAIN : from(data))
                .onFailure().recoverWithItem(PLAIN);
    }

    private static Challenge from(ChallengeData data) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (data.getHeaders() != null) {
            data.getHeaders().forEach((name, value) -> headers.put(name.toString(), value));
        }
        return new Challenge(data.status, headers);
    }

    boolean hasJsonBody() {
        return status == UNAUTHORIZED;
    }
}
