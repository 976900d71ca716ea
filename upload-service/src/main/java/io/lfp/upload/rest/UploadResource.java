package io.lfp.upload.rest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseHeader;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.lfp.security.Roles;
import io.lfp.upload.domain.MissingFileException;
import io.lfp.upload.domain.Requester;
import io.lfp.upload.domain.UnreadablePartException;
import io.lfp.upload.domain.Upload;
import io.lfp.upload.service.BodyIdleTimeout;
import io.lfp.upload.service.FileNames;
import io.lfp.upload.service.RejectedRowsCsv;
import io.lfp.upload.service.UploadRetryService;
import io.lfp.upload.service.UploadService;
import io.lfp.upload.service.UploadSlots;
import io.quarkus.logging.Log;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

@Path(UploadResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Uploads")
public class UploadResource {

    static final String PATH = "/api/uploads";
    static final String TEXT_CSV = "text/csv";
    static final String GZIP = "application/gzip";
    /** UTF-8 said explicitly: without a charset, clients read text/* as ISO-8859-1. */
    static final String TEXT_CSV_UTF8 = "text/csv;charset=UTF-8";

    private final UploadService uploads;
    private final BodyIdleTimeout idleTimeout;
    private final UploadRetryService retries;
    private final RejectedRowsCsv rejected;
    private final SecurityIdentity identity;

    public UploadResource(UploadService uploads, BodyIdleTimeout idleTimeout, UploadRetryService retries,
            RejectedRowsCsv rejected, SecurityIdentity identity) {
        this.uploads = uploads;
        this.idleTimeout = idleTimeout;
        this.retries = retries;
        this.rejected = rejected;
        this.identity = identity;
    }

    /**
     * Blocking on purpose: an InputStream parameter in a blocking method is read straight from the
     * connection (Quarkus REST buffers at most quarkus.rest.input-buffer-size, then hands over a
     * blocking stream with back-pressure), so a file of any size passes through one part buffer.
     * The S3, database and Kafka calls that follow block too. The upload slot was taken before the body was
     * read ({@link UploadSlotFilter}) and goes back once the buffers are no longer used.
     */
    @POST
    @Consumes({ TEXT_CSV, MediaType.APPLICATION_OCTET_STREAM, GZIP })
    @RolesAllowed(Roles.UPLOADER)
    @Blocking
    @TakesUploadSlot
    @Operation(summary = "Upload a products CSV as the request body", description = "Header must be 'name,sku,description'. The file is streamed to S3 and queued for ingestion. "
            + "429 with Retry-After when lfp.upload.max-concurrent-uploads uploads are streaming already.")
    public RestResponse<UploadAccepted> uploadBody(@RestQuery @DefaultValue(FileNames.DEFAULT) String filename,
            @RestHeader("Content-Length") Long contentLength, InputStream body, RoutingContext request) {
        try (UploadSlots.Slot slot = UploadSlotFilter.claim(request);
                BodyIdleTimeout.WatchedBody watched = idleTimeout.watch(body,
                        () -> request.request().connection().close())) {
            return accepted(uploads.store(watched, filename, contentLength == null ? -1 : contentLength,
                    principal()));
        }
    }

    /**
     * Blocking for the same reasons. Quarkus REST has already spooled the file part to a temporary file (on
     * disk, not the heap) while the slot was held, so the slot bounds multipart uploads too; a multipart
     * client that stalls is dropped by quarkus.http.idle-timeout.
     */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed(Roles.UPLOADER)
    @Blocking
    @TakesUploadSlot
    @Operation(summary = "Upload a products CSV as the multipart form field 'file'", description = "429 with Retry-After when lfp.upload.max-concurrent-uploads uploads are streaming already.")
    public RestResponse<UploadAccepted> uploadForm(@RestForm("file") FileUpload file, RoutingContext request) {
        try (UploadSlots.Slot slot = UploadSlotFilter.claim(request)) {
            return storeForm(file);
        }
    }

    private RestResponse<UploadAccepted> storeForm(FileUpload file) {
        if (file == null || file.uploadedFile() == null) {
            throw new MissingFileException();
        }
        try (InputStream in = Files.newInputStream(file.uploadedFile())) {
            return accepted(uploads.store(in, file.fileName(), file.size(), principal()));
        } catch (IOException e) {
            throw new UnreadablePartException(e);
        } finally {
            deleteQuietly(file);
        }
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "An upload's status and counters")
    public Uni<UploadResponse> get(@RestPath String id) {
        return uploads.get(id).map(UploadResponse::from);
    }

    /** Blocking: the request is awaited in the database and then acknowledged by Kafka. */
    @POST
    @Path("{id}/retry")
    @RolesAllowed(Roles.UPLOADER)
    @Blocking
    @Operation(summary = "Retry a FAILED upload: run its failed chunks again, then merge", description = "202 when the retry was requested; 409 when the upload is not FAILED or nothing of it "
            + "was kept to retry (then upload the file again); 404 for an unknown id; 403 unless the caller "
            + "made the upload or is an admin.")
    public RestResponse<UploadAccepted> retry(@RestPath String id) {
        return accepted(retries.retry(id, requester()));
    }

    @GET
    @Path("{id}/rejected")
    @RolesAllowed(Roles.UPLOADER)
    @Produces(TEXT_CSV_UTF8)
    @ResponseHeader(name = "Content-Disposition", value = "attachment; filename=\"rejected-rows.csv\"")
    @Operation(summary = "Rejected rows of an upload, streamed: record_number,line_number,reason,raw_text (RFC 4180)")
    public Multi<String> rejected(@RestPath String id) {
        return rejected.of(id, requester());
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "The latest uploads, newest first")
    public Uni<List<UploadResponse>> list(@RestQuery @DefaultValue("50") int limit) {
        return uploads.list(limit).map(list -> list.stream().map(UploadResponse::from).toList());
    }

    private String principal() {
        return identity.getPrincipal().getName();
    }

    /** Retry and rejected rows: the upload's own uploader, or an admin. */
    private Requester requester() {
        return new Requester(principal(), identity.hasRole(Roles.ADMIN));
    }

    private static RestResponse<UploadAccepted> accepted(Upload upload) {
        String statusUrl = PATH + "/" + upload.id();
        return RestResponse.ResponseBuilder
                .create(RestResponse.Status.ACCEPTED, new UploadAccepted(upload.id().toString(),
                        upload.status().name(), statusUrl))
                .location(URI.create(statusUrl))
                .build();
    }

    /** The temporary file can be as large as the upload: do not wait for the end of the request. */
    private static void deleteQuietly(FileUpload file) {
        try {
            Files.deleteIfExists(file.uploadedFile());
        } catch (IOException e) {
            Log.warnf("Could not delete temporary file %s: %s", file.uploadedFile(), e.getMessage());
        }
    }
}
