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

import io.lfp.dashboard.domain.InvalidParameterException;
import io.lfp.dashboard.service.DashboardService;
import io.lfp.errors.ErrorResponse;
import io.lfp.security.Roles;
import io.smallrye.mutiny.Uni;

@Path("/api/products")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dashboard")
@RolesAllowed(Roles.VIEWER)
public class ProductResource {

    /** Longest text a sku can have: a longer after names no product. */
    static final int MAX_SKU = 255;

    private final DashboardService dashboard;

    public ProductResource(DashboardService dashboard) {
        this.dashboard = dashboard;
    }

    @GET
    @Operation(summary = "Search products", description = "Products whose sku starts with q, by sku, then those "
            + "whose name starts with q (and sku does not), by name then sku; every product by sku when q is empty. "
            + "One page at a time; total counts the matches up to lfp.dashboard.count-limit (10000), past it "
            + "totalCapped is true. page goes up to "
            + "lfp.dashboard.max-page (500); for any depth pass after=<the last sku of the page before> instead, "
            + "which reads no row before it. 400 on a bad page or size, or page and after together.")
    @APIResponse(responseCode = "200", description = "One page of products", content = @Content(schema = @Schema(implementation = ApiResponses.Products.class)))
    @APIResponse(responseCode = "400", description = "page or size out of range", content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
    public Uni<ApiResponses.Products> search(
            @Parameter(description = "sku or name prefix, case-sensitive") @QueryParam("q") @Size(max = AggregateResource.MAX_QUERY, message = "q must be at most {max} characters") String q,
            @Parameter(description = "page number from 0 to lfp.dashboard.max-page (500), default 0") @QueryParam("page") @WholeNumberParam(name = "page", min = 0, max = WholeNumberParam.Max.PAGE) String page,
            @Parameter(description = "page size, 1 to lfp.dashboard.max-page-size (200), default 20") @QueryParam("size") @WholeNumberParam(name = "size", min = 1, max = WholeNumberParam.Max.PAGE_SIZE) String size,
            @Parameter(description = "keyset cursor: the page after this sku (the last of the page before)") @QueryParam("after") @Size(max = MAX_SKU, message = "after must be at most {max} characters") String after) {
        String prefix = q == null ? "" : q;
        int s = WholeNumberValidator.intValue(size, 20);
        if (after != null) {
            if (page != null && !page.isBlank()) {
                throw InvalidParameterException.together("page", "after");
            }
            return dashboard.productsAfter(prefix, after, s).map(r -> ApiResponses.Products.from(r, 0, s));
        }
        int p = WholeNumberValidator.intValue(page, 0);
        return dashboard.products(prefix, p, s).map(r -> ApiResponses.Products.from(r, p, s));
    }

    @GET
    @Path("/{sku}")
    @Operation(summary = "One product", description = "The product with this sku; 404 when there is none.")
    @APIResponse(responseCode = "200", description = "The product", content = @Content(schema = @Schema(implementation = ApiResponses.Product.class)))
    @APIResponse(responseCode = "404", description = "No product has this sku", content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
    public Uni<ApiResponses.Product> bySku(@PathParam("sku") String sku) {
        return dashboard.product(sku).map(r -> new ApiResponses.Product(r.value().sku(), r.value().name(),
                r.value().description(), r.cache()));
    }
}
