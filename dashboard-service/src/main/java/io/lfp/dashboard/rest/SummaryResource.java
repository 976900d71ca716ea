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

import io.lfp.dashboard.service.DashboardService;
import io.lfp.security.Roles;
import io.smallrye.mutiny.Uni;

@Path("/api/summary")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dashboard")
@RolesAllowed(Roles.VIEWER)
public class SummaryResource {

    private final DashboardService dashboard;

    public SummaryResource(DashboardService dashboard) {
        this.dashboard = dashboard;
    }

    @GET
    @Operation(summary = "Totals", description = "Number of products, of distinct product names and of uploads, "
            + "and when they were computed (refreshedAt). cache is \"offline\" when Redis is down and the numbers "
            + "were read from PostgreSQL directly.")
    @APIResponse(responseCode = "200", description = "The totals", content = @Content(schema = @Schema(implementation = ApiResponses.Summary.class)))
    public Uni<ApiResponses.Summary> summary() {
        return dashboard.summary().map(ApiResponses.Summary::from);
    }
}
