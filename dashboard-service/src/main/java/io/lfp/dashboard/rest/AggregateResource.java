package io.lfp.dashboard.rest;

import io.lfp.dashboard.service.DashboardService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/aggregates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dashboard")
public class AggregateResource {

    static final int MAX_TOP = 1000;

    private final DashboardService dashboard;

    public AggregateResource(DashboardService dashboard) {
        this.dashboard = dashboard;
    }

    @GET
    @Operation(summary = "Products per name", description = "The names with most products, by count descending "
            + "then name ascending. 400 when top is not between 1 and 1000.")
    public Uni<ApiResponses.Aggregates> aggregates(
            @Parameter(description = "How many names, 1 to 1000 (default 20)") @QueryParam("top") String top,
            @Parameter(description = "Only names starting with this text (case-sensitive)") @QueryParam("q") String q) {
        int n = QueryParams.intParam("top", top, 20, 1, MAX_TOP);
        String prefix = QueryParams.text("q", q, 500);
        return dashboard.aggregates(n, prefix).map(a -> new ApiResponses.Aggregates(a.value(), a.cache()));
    }
}
