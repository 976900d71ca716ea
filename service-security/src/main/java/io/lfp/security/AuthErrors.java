package io.lfp.security;

import io.vertx.core.json.JsonObject;

/**
 * The bodies of refused requests, in the {@code {"error","detail"}} shape every service's error model has. Written
 * here once, for the JAX-RS endpoints ({@link AuthExceptionMappers}) and the other routes ({@link AuthFailureHandler})
 * alike.
 */
public final class AuthErrors {

    public static final String UNAUTHORIZED = "Unauthorized";
    public static final String UNAUTHORIZED_DETAIL = "Sign in first: this request needs a valid OIDC bearer token "
            + "(Authorization: Bearer ...)";
    public static final String FORBIDDEN = "Forbidden";
    public static final String FORBIDDEN_DETAIL = "Your roles do not allow this request";

    private AuthErrors() {
    }

    /** The JSON text of an error body. */
    public static String json(String error, String detail) {
        return new JsonObject().put("error", error).put("detail", detail).encode();
    }

    static String unauthorized() {
        return json(UNAUTHORIZED, UNAUTHORIZED_DETAIL);
    }

    static String forbidden() {
        return json(FORBIDDEN, FORBIDDEN_DETAIL);
    }
}
