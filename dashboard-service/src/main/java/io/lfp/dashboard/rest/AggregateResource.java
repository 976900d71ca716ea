package io.lfp.dashboard.rest;

import io.lfp.dashboard.config.DashboardConfig;
import io.lfp.dashboard.domain.AggregateItem;
import io.lfp.dashboard.domain.AggregateOrder;
import io.lfp.dashboard.service.DashboardService;
import io.smallrye.mutiny.Uni;
import io.lfp.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/aggregates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dashboard")
@RolesAllowed(Roles.VIEWER)
public class AggregateResource {

    static final int MAX_TOP = 1000;
    static final int MAX_TABLE_SIZE = 200;
    static final int MAX_NAME = 1024;

    private final DashboardService dashboard;
    private final DashboardConfig config;

    public AggregateResource(DashboardService dashboard, DashboardConfig config) {
        this.dashboard = dashboard;
        this.config = config;
    }

    @GET
    @Operation(summary = "Top names", description = "The names with most products, by count descending "
            + "then name ascending. 400 when top is not between 1 and 1000.")
    @APIResponse(responseCode = "200", description = "The names and their product counts",
            content = @Content(schema = @Schema(implementation = ApiResponses.Aggregates.class)))
    @APIResponse(responseCode = "400", description = "top out of range",
            content = @Content(schema = @Schema(implementation = ApiResponses.Error.class)))
    public Uni<ApiResponses.Aggregates> aggregates(
            @Parameter(description = "How many names, 1 to 1000 (default 20)") @QueryParam("top") String top,
            @Parameter(description = "Only names starting with this text (case-sensitive)") @QueryParam("q") String q) {
        int n = QueryParams.intParam("top", top, 20, 1, MAX_TOP);
        String prefix = QueryParams.text("q", q, 500);
        return dashboard.aggregates(n, prefix).map(a -> new ApiResponses.Aggregates(a.value(), a.cache()));
    }

    @GET
    @Path("/table")
    @Operation(summary = "All names, one page at a time", description = "Every name with products and its "
            + "count, sorted by count (ties by name ascending) or by name, optionally only names starting with q; "
            + "total counts every matching name. page goes up to lfp.dashboard.max-page (500); for any depth pass "
            + "afterName (and for sort=count afterCount) of the last item of the page before instead, which reads "
            + "no row before it. 400 on a bad page, size, sort or dir, or page and afterName together.")
    @APIResponse(responseCode = "200", description = "One page of the aggregate table",
            content = @Content(schema = @Schema(implementation = ApiResponses.AggregateTable.class)))
    @APIResponse(responseCode = "400", description = "A parameter out of range",
            content = @Content(schema = @Schema(implementation = ApiResponses.Error.class)))
    public Uni<ApiResponses.AggregateTable> table(
            @Parameter(description = "page number from 0 (default 0)") @QueryParam("page") String page,
            @Parameter(description = "page size, 1 to 200 (default 25)") @QueryParam("size") String size,
            @Parameter(description = "count (default) or name") @QueryParam("sort") String sort,
            @Parameter(description = "asc or desc (default desc for count, asc for name)") @QueryParam("dir") String dir,
            @Parameter(description = "Only names starting with this text (case-sensitive)") @QueryParam("q") String q,
            @Parameter(description = "keyset cursor: the page after the item with this name (the last of the page "
                    + "before)") @QueryParam("afterName") String afterName,
            @Parameter(description = "with afterName when sort=count: that item's count") @QueryParam("afterCount")
            String afterCount) {
        int s = QueryParams.intParam("size", size, 25, 1, MAX_TABLE_SIZE);
        String by = QueryParams.choice("sort", sort, "count", "count", "name");
        String direction = QueryParams.choice("dir", dir, by.equals("count") ? "desc" : "asc", "asc", "desc");
        String prefix = QueryParams.text("q", q, 500);
        AggregateOrder order = AggregateOrder.of(by, direction);
        if (afterName != null) {
            QueryParams.notBoth("page", page, "afterName");
            long count = by.equals("count") ? QueryParams.longParam("afterCount", afterCount, 0, Long.MAX_VALUE) : 0;
            AggregateItem after = new AggregateItem(QueryParams.text("afterName", afterName, MAX_NAME), count);
            return dashboard.aggregateTableAfter(prefix, order, after, s)
                    .map(t -> new ApiResponses.AggregateTable(t.value().items(), 0, s, t.value().total(), t.cache()));
        }
        int p = QueryParams.intParam("page", page, 0, 0, config.maxPage());
        return dashboard.aggregateTable(prefix, order, p, s)
                .map(t -> new ApiResponses.AggregateTable(t.value().items(), p, s, t.value().total(), t.cache()));
    }

    /** The regex lets a name hold "/"; the literal /table above still wins over it. */
    @GET
    @Path("/{name: .+}")
    @Operation(summary = "One name's count", description = "How many products carry exactly this name "
            + "(case-sensitive); 404 when none does.")
    @APIResponse(responseCode = "200", description = "The name and its product count",
            content = @Content(schema = @Schema(implementation = ApiResponses.Aggregate.class)))
    @APIResponse(responseCode = "404", description = "No product has this name",
            content = @Content(schema = @Schema(implementation = ApiResponses.Error.class)))
    public Uni<ApiResponses.Aggregate> byName(@PathParam("name") String name) {
        return dashboard.aggregate(name)
                .map(a -> new ApiResponses.Aggregate(a.value().name(), a.value().count(), a.cache()));
    }
}
