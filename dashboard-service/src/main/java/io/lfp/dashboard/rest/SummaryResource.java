package io.lfp.dashboard.rest;

import io.lfp.dashboard.service.DashboardService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/summary")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dashboard")
public class SummaryResource {

    private final DashboardService dashboard;

    public SummaryResource(DashboardService dashboard) {
        this.dashboard = dashboard;
    }

    @GET
    @Operation(summary = "Totals", description = "Number of products, of distinct product names and of uploads. "
            + "cache is \"offline\" when Redis is down and the numbers were read from PostgreSQL directly.")
    public Uni<ApiResponses.Summary> summary() {
        return dashboard.summary().map(s -> new ApiResponses.Summary(s.value().products(), s.value().names(),
                s.value().uploads(), s.cache(), s.value().refreshedAt()));
    }
}
