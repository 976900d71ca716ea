package io.lfp.aggregate.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lfp.aggregate.domain.AggregateSummary;
import io.lfp.aggregate.domain.NameCount;
import io.lfp.aggregate.service.AggregateService;
import io.lfp.security.Roles;
import io.smallrye.mutiny.Uni;

/** Number of products per name: what the dashboard shows, so a viewer may read it. */
@Path("/api/aggregates")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "aggregates")
public class AggregateResource {

    private final AggregateService service;

    public AggregateResource(AggregateService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "Names with the most products (count desc, ties by name), with total products and names")
    public Uni<AggregateSummary> top(
            @Parameter(description = "how many names, 1..lfp.aggregate.max-top (1000), default 20") @QueryParam("top") @TopParam String top) {
        return service.top(TopParamValidator.value(top));
    }

    @GET
    @Path("/{name: .+}")
    @Operation(summary = "Number of products with exactly this name")
    public Uni<NameCount> byName(@PathParam("name") String name) {
        return service.byName(name);
    }
}
