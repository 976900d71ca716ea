package io.lfp.dashboard.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
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

import io.lfp.dashboard.domain.AggregateItem;
import io.lfp.dashboard.domain.AggregateOrder;
import io.lfp.dashboard.domain.InvalidParameterException;
import io.lfp.dashboard.service.DashboardService;
import io.lfp.errors.ErrorResponse;
import io.lfp.security.Roles;
import io.smallrye.mutiny.Uni;

@Path("/api/aggregates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dashboard")
@RolesAllowed(Roles.VIEWER)
public class AggregateResource {

    /** Longest text a product's name can have: a longer afterName names no item. */
    static final int MAX_NAME = 1024;

    /** Longest prefix a search takes. */
    static final int MAX_QUERY = 500;

    private final DashboardService dashboard;

    public AggregateResource(DashboardService dashboard) {
        this.dashboard = dashboard;
    }

    @GET
    @Operation(summary = "Top names", description = "The names with most products, by count descending "
            + "then name ascending. 400 when top is not between 1 and lfp.dashboard.max-top (1000).")
    @APIResponse(responseCode = "200", description = "The names and their product counts", content = @Content(schema = @Schema(implementation = ApiResponses.Aggregates.class)))
    @APIResponse(responseCode = "400", description = "top out of range", content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
    public Uni<ApiResponses.Aggregates> aggregates(
            @Parameter(description = "How many names, 1 to lfp.dashboard.max-top (1000), default 20") @QueryParam("top") @WholeNumberParam(name = "top", min = 1, max = WholeNumberParam.Max.TOP) String top,
            @Parameter(description = "Only names starting with this text (case-sensitive)") @QueryParam("q") @Size(max = MAX_QUERY, message = "q must be at most {max} characters") String q) {
        int n = WholeNumberValidator.intValue(top, 20);
        String prefix = q == null ? "" : q;
        return dashboard.aggregates(n, prefix).map(a -> new ApiResponses.Aggregates(a.value(), a.cache()));
    }

    @GET
    @Path("/table")
    @Operation(summary = "All names, one page at a time", description = "Every name with products and its "
            + "count, sorted by count (desc: ties by name ascending; asc: its exact reverse) or by name, optionally only names starting with q; "
            + "total counts the matching names up to lfp.dashboard.count-limit (10000), past it totalCapped is true. "
            + "page goes up to lfp.dashboard.max-page (500); for any depth pass "
            + "afterName (and for sort=count afterCount) of the last item of the page before instead, which reads "
            + "no row before it. 400 on a bad page, size, sort or dir, or page and afterName together.")
    @APIResponse(responseCode = "200", description = "One page of the aggregate table", content = @Content(schema = @Schema(implementation = ApiResponses.AggregateTable.class)))
    @APIResponse(responseCode = "400", description = "A parameter out of range", content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
    public Uni<ApiResponses.AggregateTable> table(
            @Parameter(description = "page number from 0 to lfp.dashboard.max-page (500), default 0") @QueryParam("page") @WholeNumberParam(name = "page", min = 0, max = WholeNumberParam.Max.PAGE) String page,
            @Parameter(description = "page size, 1 to lfp.dashboard.max-page-size (200), default 25") @QueryParam("size") @WholeNumberParam(name = "size", min = 1, max = WholeNumberParam.Max.PAGE_SIZE) String size,
            @Parameter(description = "count (default) or name") @QueryParam("sort") @OneOfParam(name = "sort", values = {
                    "count", "name" }) String sort,
            @Parameter(description = "asc or desc (default desc for count, asc for name)") @QueryParam("dir") @OneOfParam(name = "dir", values = {
                    "asc", "desc" }) String dir,
            @Parameter(description = "Only names starting with this text (case-sensitive)") @QueryParam("q") @Size(max = MAX_QUERY, message = "q must be at most {max} characters") String q,
            @Parameter(description = "keyset cursor: the page after the item with this name (the last of the page "
                    + "before)") @QueryParam("afterName") @Size(max = MAX_NAME, message = "afterName must be at most {max} characters") String afterName,
            @Parameter(description = "with afterName when sort=count: that item's count") @QueryParam("afterCount") @WholeNumberParam(name = "afterCount", min = 0, max = WholeNumberParam.Max.NONE) String afterCount) {
        int s = WholeNumberValidator.intValue(size, 25);
        String by = OneOfValidator.value(sort, "count");
        String direction = OneOfValidator.value(dir, by.equals("count") ? "desc" : "asc");
        String prefix = q == null ? "" : q;
        AggregateOrder order = AggregateOrder.of(by, direction);
        if (afterName != null) {
            if (page != null && !page.isBlank()) {
                throw InvalidParameterException.together("page", "afterName");
            }
            if (by.equals("count") && (afterCount == null || afterCount.isBlank())) {
                throw InvalidParameterException.required("afterCount");
            }
            long count = by.equals("count") ? WholeNumberValidator.longValue(afterCount) : 0;
            AggregateItem after = new AggregateItem(afterName, count);
            return dashboard.aggregateTableAfter(prefix, order, after, s)
                    .map(t -> ApiResponses.AggregateTable.from(t, 0, s));
        }
        int p = WholeNumberValidator.intValue(page, 0);
        return dashboard.aggregateTable(prefix, order, p, s).map(t -> ApiResponses.AggregateTable.from(t, p, s));
    }

    /** The regex lets a name hold "/"; the literal /table above still wins over it. */
    @GET
    @Path("/{name: .+}")
    @Operation(summary = "One name's count", description = "How many products carry exactly this name "
            + "(case-sensitive); 404 when none does.")
    @APIResponse(responseCode = "200", description = "The name and its product count", content = @Content(schema = @Schema(implementation = ApiResponses.Aggregate.class)))
    @APIResponse(responseCode = "404", description = "No product has this name", content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
    public Uni<ApiResponses.Aggregate> byName(@PathParam("name") String name) {
        return dashboard.aggregate(name)
                .map(a -> new ApiResponses.Aggregate(a.value().name(), a.value().count(), a.cache()));
    }
}
