package io.lfp.errors;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The body of every error answer of every service.
 *
 * @param error short, stable title, e.g. "Upload not found"
 * @param detail what exactly was wrong, for a human
 */
public record ErrorResponse(String error, String detail) {

    /** A JSON answer with this status and body. */
    public static Response response(int status, String error, String detail) {
        return builder(status, error, detail).build();
    }

    /** A domain exception's texts with the status the service's mapper gives it. */
    public static Response response(int status, DomainException e) {
        return response(status, e.error(), e.detail());
    }

    /** For an answer that needs more, e.g. a Retry-After header. */
    public static Response.ResponseBuilder builder(int status, String error, String detail) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorResponse(error, detail));
    }
}
