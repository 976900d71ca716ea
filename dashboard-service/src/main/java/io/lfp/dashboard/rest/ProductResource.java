package io.lfp.dashboard.rest;

import io.lfp.dashboard.config.DashboardConfig;
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

@Path("/api/products")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dashboard")
@RolesAllowed(Roles.VIEWER)
public class ProductResource {

    static final int MAX_SIZE = 200;
    static final int MAX_SKU = 255;

    private final DashboardService dashboard;
    private final DashboardConfig config;

    public ProductResource(DashboardService dashboard, DashboardConfig config) {
        this.dashboard = dashboard;
        this.config = config;
    }

    @GET
    @Operation(summary = "Search products", description = "Products whose sku or name starts with q (all when q "
            + "is empty), ordered by sku, one page at a time; total counts every match. page goes up to "
            + "lfp.dashboard.max-page (500); for any depth pass after=<the last sku of the page before> instead, "
            + "which reads no row before it. 400 on a bad page or size, or page and after together.")
    @APIResponse(responseCode = "200", description = "One page of products",
            content = @Content(schema = @Schema(implementation = ApiResponses.Products.class)))
    @APIResponse(responseCode = "400", description = "page or size out of range",
            content = @Content(schema = @Schema(implementation = ApiResponses.Error.class)))
    public Uni<ApiResponses.Products> search(
            @Parameter(description = "sku or name prefix, case-sensitive") @QueryParam("q") String q,
            @Parameter(description = "page number from 0 (default 0)") @QueryParam("page") String page,
            @Parameter(description = "page size, 1 to 200 (default 20)") @QueryParam("size") String size,
            @Parameter(description = "keyset cursor: the page after this sku (the last of the page before)")
            @QueryParam("after") String after) {
        String prefix = QueryParams.text("q", q, 500);
        int s = QueryParams.intParam("size", size, 20, 1, MAX_SIZE);
        if (after != null) {
            QueryParams.notBoth("page", page, "after");
            String sku = QueryParams.text("after", after, MAX_SKU);
            return dashboard.productsAfter(prefix, sku, s).map(r -> new ApiResponses.Products(r.value().items(), 0,
                    s, r.value().total(), r.cache()));
        }
        int p = QueryParams.intParam("page", page, 0, 0, config.maxPage());
        return dashboard.products(prefix, p, s).map(r -> new ApiResponses.Products(r.value().items(), p, s,
                r.value().total(), r.cache()));
    }

    @GET
    @Path("/{sku}")
    @Operation(summary = "One product", description = "The product with this sku; 404 when there is none.")
    @APIResponse(responseCode = "200", description = "The product",
            content = @Content(schema = @Schema(implementation = ApiResponses.Product.class)))
    @APIResponse(responseCode = "404", description = "No product has this sku",
            content = @Content(schema = @Schema(implementation = ApiResponses.Error.class)))
    public Uni<ApiResponses.Product> bySku(@PathParam("sku") String sku) {
        return dashboard.product(sku).map(r -> new ApiResponses.Product(r.value().sku(), r.value().name(),
                r.value().description(), r.cache()));
    }
}
