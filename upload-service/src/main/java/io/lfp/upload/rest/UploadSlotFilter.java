package io.lfp.upload.rest;

import java.util.Optional;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.lfp.upload.domain.UploadFailedException;
import io.lfp.upload.service.UploadSlots;
import io.vertx.ext.web.RoutingContext;

/**
 * Takes an upload slot before the body is read: request filters run before Quarkus REST reads a raw body
 * or spools a multipart one, so a client refused with 429 has sent nothing but its headers that we read
 * (a client that sent {@code Expect: 100-continue} has sent nothing else at all).
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
            return Optional.of(ErrorMappers.json(slots.busy()));
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
