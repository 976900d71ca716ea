package io.lfp.ingest.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.lfp.ingest.domain.IngestJob;
import io.lfp.ingest.service.JobQueryService;
import io.lfp.security.Roles;
import io.smallrye.mutiny.Uni;

/** Read access to ingest jobs: what the dashboard shows, so a viewer may read it. */
@Path("/api/jobs")
@RolesAllowed(Roles.VIEWER)
public class JobResource {

    private final JobQueryService jobs;

    public JobResource(JobQueryService jobs) {
        this.jobs = jobs;
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "An upload's ingest job: state and counters")
    public Uni<IngestJob> job(@PathParam("id") @UploadIdParam String id) {
        return jobs.job(UploadIdValidator.parse(id));
    }
}
