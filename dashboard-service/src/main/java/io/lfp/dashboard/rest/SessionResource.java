package io.lfp.dashboard.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lfp.dashboard.domain.SessionView;
import io.lfp.dashboard.service.SessionService;
import io.lfp.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.NonBlocking;

/** Who is logged in: the page shows the user, hides what their roles may not do, and calls upload-service. */
@Path("/api/session")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dashboard")
@RolesAllowed(Roles.VIEWER)
public class SessionResource {

    private static final CacheControl NO_STORE = CacheControl.valueOf("no-store");

    private final SessionService sessions;
    private final SecurityIdentity identity;

    public SessionResource(SessionService sessions, SecurityIdentity identity) {
        this.sessions = sessions;
        this.identity = identity;
    }

    @GET
    @NonBlocking
    @Operation(summary = "The logged-in user", description = "The user's name and project roles (lowest first). "
            + "For a browser login also its access token and when it expires, which the page keeps in memory "
            + "(never in storage) and sends to upload-service; asked again before it expires, which refreshes "
            + "the login. accessToken and expiresAt are null for a caller with its own bearer token.")
    @APIResponse(responseCode = "200", description = "The session", content = @Content(schema = @Schema(implementation = SessionView.class)))
    public Response session() {
        // The body holds a token: no cache may keep it.
        return Response.ok(sessions.of(identity)).cacheControl(NO_STORE).build();
    }
}
