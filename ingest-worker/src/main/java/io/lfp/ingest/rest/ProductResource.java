package io.lfp.ingest.rest;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.lfp.ingest.domain.Product;
import io.lfp.ingest.service.ProductEditService;
import io.lfp.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Single products: read, create, change, delete. Every edit is announced on product-changed and recorded
 * in the audit trail under the caller's principal name.
 */
@Path("/api/products")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "products")
public class ProductResource {

    private final ProductEditService products;
    private final ObjectMapper json;
    private final SecurityIdentity caller;

    public ProductResource(ProductEditService products, ObjectMapper json, SecurityIdentity caller) {
        this.products = products;
        this.json = json;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.EDITOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a product from {\"sku\",\"name\",\"description\"}; 409 if the sku exists")
    public Uni<Response> create(String body) {
        String principal = principal();
        return Uni.createFrom().item(() -> ProductRequests.parse(json, body))
                .chain(input -> products.create(input, principal))
                .map(created -> Response.created(location(created.sku())).entity(created).build());
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Path("/{sku: .+}")
    @Operation(summary = "One product by sku")
    public Uni<Product> get(@PathParam("sku") String sku) {
        return products.get(sku);
    }

    @PUT
    @RolesAllowed(Roles.EDITOR)
    @Path("/{sku: .+}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a product's name and description with {\"name\",\"description\"}")
    public Uni<Product> update(@PathParam("sku") String sku, String body) {
        String principal = principal();
        return Uni.createFrom().item(() -> ProductRequests.parse(json, body))
                .chain(input -> products.update(sku, input, principal));
    }

    @DELETE
    @RolesAllowed(Roles.EDITOR)
    @Path("/{sku: .+}")
    @Operation(summary = "Delete a product")
    public Uni<Response> delete(@PathParam("sku") String sku) {
        return products.delete(sku, principal()).map(deleted -> Response.noContent().build());
    }

    /** Who makes the edit, for the audit trail: @RolesAllowed has made sure there is an authenticated caller. */
    private String principal() {
        return caller.getPrincipal().getName();
    }

    /** Relative to the base URI; the sku encoded as one path segment. */
    private static URI location(String sku) {
        return URI.create("/api/products/" + URLEncoder.encode(sku, StandardCharsets.UTF_8).replace("+", "%20"));
    }
}
