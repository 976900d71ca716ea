package io.lfp.ingest.rest;

import io.lfp.ingest.domain.ProductAuditEntry;
import io.lfp.ingest.service.ProductEditService;
import io.lfp.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * The audit trail of single-product edits, for admins only. Its own path, not under /api/products/, where
 * every segment is a sku.
 */
@Path("/api/audit/products")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "products")
public class ProductAuditResource {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private final ProductEditService products;

    public ProductAuditResource(ProductEditService products) {
        this.products = products;
    }

    @GET
    @Operation(summary = "Product edits newest first: who created, changed or deleted which product, the values "
            + "before and after, when. Next page: after=<id of the last entry>")
    public Uni<List<ProductAuditEntry>> audit(
            @Parameter(description = "only this product's edits") @QueryParam("sku") String sku,
            @Parameter(description = "keyset cursor: the entries older than the entry with this id")
            @QueryParam("after") String after,
            @Parameter(description = "entries per page, 1 to 500 (default 50)") @QueryParam("limit") String limit) {
        return Uni.createFrom().voidItem()
                .chain(() -> products.audit(sku, positive("after", after, null, Long.MAX_VALUE),
                        positive("limit", limit, (long) DEFAULT_LIMIT, MAX_LIMIT).intValue()));
    }

    /** The parameter as a number from 1 to {@code max}, {@code absent} when not given; 400 otherwise. */
    private static Long positive(String name, String value, Long absent, long max) {
        if (value == null) {
            return absent;
        }
        String expected = max == Long.MAX_VALUE ? name + " must be an entry id (a whole number from 1)"
                : name + " must be a whole number from 1 to " + max;
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new BadRequestException(expected);
        }
        if (parsed < 1 || parsed > max) {
            throw new BadRequestException(expected);
        }
        return parsed;
    }
}
