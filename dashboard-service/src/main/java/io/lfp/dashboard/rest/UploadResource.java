package io.lfp.dashboard.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import io.lfp.dashboard.domain.Cached;
import io.lfp.dashboard.domain.LiveEvent;
import io.lfp.dashboard.domain.SummaryView;
import io.lfp.dashboard.domain.UploadsView;
import io.lfp.dashboard.service.DashboardService;
import io.lfp.dashboard.service.LiveStream;
import io.lfp.errors.ErrorResponse;
import io.lfp.security.Roles;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

@Path("/api/uploads")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dashboard")
@RolesAllowed(Roles.VIEWER)
public class UploadResource {

    private final DashboardService dashboard;
    private final LiveStream stream;

    public UploadResource(DashboardService dashboard, LiveStream stream) {
        this.dashboard = dashboard;
        this.stream = stream;
    }

    @GET
    @Operation(summary = "Uploads", description = "The newest uploads first, with status, counters, chunks, "
            + "rows/s, ETA and duration. While a job runs its counters come from its latest progress event, "
            + "fresher than the table.")
    @APIResponse(responseCode = "200", description = "The newest 100 uploads", content = @Content(schema = @Schema(implementation = ApiResponses.Uploads.class)))
    public Uni<ApiResponses.Uploads> uploads() {
        return dashboard.uploads().map(ApiResponses.Uploads::from);
    }

    /** Literal, so it wins over /{id}. */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Live stream of uploads and totals", description = "Server-Sent Events. On connect "
            + "'uploads' with the body of GET /api/uploads; then 'upload' with one item of that list each time an "
            + "upload is created, progresses, ends or is aggregated; 'summary' with the body of GET /api/summary "
            + "when totals change (aggregates-changed, file-uploaded). A ':keep-alive' comment every 15 s.")
    @APIResponse(responseCode = "200", description = "An endless text/event-stream", content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING)))
    public Multi<OutboundSseEvent> stream(@Context Sse sse) {
        return stream.subscribe(dashboard.uploads().map(LiveEvent::uploads))
                .map(event -> toSse(sse, event));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One upload", description = "The upload's item as in GET /api/uploads; 404 when "
            + "there is no upload with this id.")
    @APIResponse(responseCode = "200", description = "The upload", content = @Content(schema = @Schema(implementation = ApiResponses.Upload.class)))
    @APIResponse(responseCode = "404", description = "No such upload", content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
    public Uni<ApiResponses.Upload> upload(@PathParam("id") String id) {
        return dashboard.upload(id).map(u -> new ApiResponses.Upload(u.value(), u.cache()));
    }

    @SuppressWarnings("unchecked")
    private static OutboundSseEvent toSse(Sse sse, LiveEvent event) {
        if (event.isKeepAlive()) {
            return sse.newEventBuilder().comment("keep-alive").build();
        }
        Object body = switch (event.name()) {
            case LiveEvent.UPLOADS -> ApiResponses.Uploads.from((Cached<UploadsView>) event.data());
            case LiveEvent.SUMMARY -> ApiResponses.Summary.from((Cached<SummaryView>) event.data());
            default -> event.data();
        };
        return sse.newEventBuilder().name(event.name()).data(body.getClass(), body).build();
    }
}
