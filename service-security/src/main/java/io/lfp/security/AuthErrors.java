package io.lfp.security;

import io.lfp.errors.ErrorResponse;
import io.vertx.core.json.JsonObject;

/**
 * The bodies of refused requests, as the {@link ErrorResponse} every service answers errors with. Written here once,
 * for the JAX-RS endpoints ({@link AuthExceptionMappers}) and the other routes ({@link AuthFailureHandler}) alike; as
 * JSON text, since the routes outside JAX-RS have no body writer.
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
    public static String json(ErrorResponse body) {
        return new JsonObject().put("error", body.error()).put("detail", body.detail()).encode();
    }

    static String unauthorized() {
        return json(new ErrorResponse(UNAUTHORIZED, UNAUTHORIZED_DETAIL));
    }

    static String forbidden() {
        return json(new ErrorResponse(FORBIDDEN, FORBIDDEN_DETAIL));
    }
}
