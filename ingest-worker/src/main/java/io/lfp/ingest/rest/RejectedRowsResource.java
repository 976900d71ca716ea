package io.lfp.ingest.rest;

import io.lfp.ingest.service.JobQueryService;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The rows of an upload that could not be loaded, as CSV. */
@Path("/api/uploads/{id}/rejected")
public class RejectedRowsResource {

    /** UTF-8 said explicitly: without a charset, clients read text/* as ISO-8859-1. */
    public static final String TEXT_CSV = "text/csv;charset=UTF-8";

    private final JobQueryService jobs;

    public RejectedRowsResource(JobQueryService jobs) {
        this.jobs = jobs;
    }

    @GET
    @Produces(TEXT_CSV)
    @Operation(summary = "Rejected rows of an upload: record_number,line_number,reason,raw_text (RFC 4180)")
    public Multi<String> rejected(@PathParam("id") String id) {
        return jobs.rejectedCsv(UploadIds.parse(id));
    }
}
