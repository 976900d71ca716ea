package io.lfp.dashboard.rest;

import io.lfp.dashboard.service.DashboardService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/uploads")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dashboard")
public class UploadResource {

    private final DashboardService dashboard;

    public UploadResource(DashboardService dashboard) {
        this.dashboard = dashboard;
    }

    @GET
    @Operation(summary = "Uploads", description = "The newest uploads first, with status and counters. While a "
            + "job runs its counters come from its latest progress event, fresher than the table.")
    public Uni<ApiResponses.Uploads> uploads() {
        return dashboard.uploads().map(u -> new ApiResponses.Uploads(u.value().items(), u.cache()));
    }
}
