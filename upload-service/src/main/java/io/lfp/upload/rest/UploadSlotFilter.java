package io.lfp.upload.rest;

import java.util.Optional;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.lfp.upload.domain.UploadFailedException;
import io.lfp.upload.service.UploadSlots;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Takes an upload slot before the body is read: request filters run before Quarkus REST reads a raw body
 * or spools a multipart one, so a client refused with 429 has sent nothing but its headers that we read
 * (a client that sent {@code Expect: 100-continue} has sent nothing else at all, and its connection is
 * closed after the answer; any other client's body is read and discarded by the server).
 */
public class UploadSlotFilter {

    private static final String SLOT = "lfp.upload-slot";

    private final UploadSlots slots;

    public UploadSlotFilter(UploadSlots slots) {
        this.slots = slots;
    }

    @ServerRequestFilter
    @TakesUploadSlot
    public Optional<Response> takeSlot(RoutingContext request) {
        Optional<UploadSlots.Slot> slot = slots.tryTake();
        if (slot.isEmpty()) {
            if (request.request().headers().contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true)) {
                // the client holds its body back for a 100 that will not come: the connection cannot carry
                // another request, so it is closed once the answer is out
                request.addEndHandler(ended -> request.request().connection().close());
                return Optional.of(Response.fromResponse(ErrorMapper.tooManyUploads(slots.busy()))
                        .header(HttpHeaders.CONNECTION.toString(), HttpHeaders.CLOSE.toString()).build());
            }
            return Optional.of(ErrorMapper.tooManyUploads(slots.busy()));
        }
        request.put(SLOT, slot.get());
        // a request that ends without reaching its handler (refused by the framework, client gone) gives it back
        request.addEndHandler(ended -> slot.get().releaseUnclaimed());
        return Optional.empty();
    }

    /** The handler's slot, to release once the upload is done with its buffers. */
    static UploadSlots.Slot claim(RoutingContext request) {
        UploadSlots.Slot slot = request.get(SLOT);
        if (slot == null || !slot.claim()) {
            throw new UploadFailedException("The client went away before the upload started", null);
        }
        return slot;
    }
}
