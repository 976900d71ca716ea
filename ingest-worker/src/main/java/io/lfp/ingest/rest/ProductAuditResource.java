package io.lfp.ingest.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lfp.ingest.domain.ProductAuditEntry;
import io.lfp.ingest.service.ProductEditService;
import io.lfp.security.Roles;
import io.smallrye.mutiny.Uni;

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

    private final ProductEditService products;

    public ProductAuditResource(ProductEditService products) {
        this.products = products;
    }

    @GET
    @Operation(summary = "Product edits newest first: who created, changed or deleted which product, the values "
            + "before and after, when. Next page: after=<id of the last entry>")
    public Uni<List<ProductAuditEntry>> audit(
            @Parameter(description = "only this product's edits") @QueryParam("sku") String sku,
            @Parameter(description = "keyset cursor: the entries older than the entry with this id") @QueryParam("after") @AuditParam(AuditParam.Kind.AFTER) String after,
            @Parameter(description = "entries per page, 1 to lfp.products.audit-max-limit (500), default 50") @QueryParam("limit") @AuditParam(AuditParam.Kind.LIMIT) String limit) {
        return products.audit(sku, after == null ? null : Long.valueOf(after),
                limit == null ? DEFAULT_LIMIT : Integer.parseInt(limit));
    }
}
