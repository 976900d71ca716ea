package io.lfp.dashboard.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lfp.dashboard.config.DashboardConfig;
import io.lfp.security.Roles;
import io.smallrye.common.annotation.NonBlocking;

/** The page asks here where to send files and where rejected rows are, instead of guessing ports. */
@Path("/api/config")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dashboard")
@RolesAllowed(Roles.VIEWER)
public class ConfigResource {

    private final DashboardConfig config;

    public ConfigResource(DashboardConfig config) {
        this.config = config;
    }

    @GET
    @NonBlocking
    @Operation(summary = "Addresses of the other services", description = "Where the browser reaches "
            + "upload-service (POST /api/uploads, its retry and its rejected rows), from "
            + "lfp.dashboard.upload-service-url.")
    @APIResponse(responseCode = "200", description = "The base URLs, without a trailing slash", content = @Content(schema = @Schema(implementation = ApiResponses.Config.class)))
    public ApiResponses.Config config() {
        return new ApiResponses.Config(withoutTrailingSlash(config.uploadServiceUrl()));
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
