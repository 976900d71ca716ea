package io.lfp.ingest.messaging;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.lfp.events.AggregatesChanged;
import io.lfp.events.Topics;
import io.lfp.ingest.repository.NameCountDeltaRepository;
import io.lfp.ingest.service.UploadEventValidator;
import io.lfp.messaging.EventGuard;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Deletes an upload's name_count_deltas once aggregate-service announced (AggregatesChanged with the
 * upload id) that it added them to product_counts. aggregate-service remembers which uploads it
 * applied, so a delta row read twice is never added twice; deleting them only keeps the table small.
 */
@ApplicationScoped
public class AppliedCountsConsumer {

    private final NameCountDeltaRepository deltas;
    private final EventGuard guard;

    public AppliedCountsConsumer(NameCountDeltaRepository deltas, EventGuard guard) {
        this.deltas = deltas;
        this.guard = guard;
    }

    @Incoming(Topics.AGGREGATES_CHANGED)
    public Uni<Void> applied(AggregatesChanged changed) {
        return guard.guard(Topics.AGGREGATES_CHANGED, () -> {
            UUID uploadId = UploadEventValidator.checkAggregates(changed);
            if (uploadId == null) {
                return Uni.createFrom().voidItem(); // a single-product edit's announcement: no deltas kept for it
            }
            return deltas.deleteOfUpload(uploadId)
                    .invoke(deleted -> Log.debugf("Upload %s: %d applied count deltas deleted", uploadId, deleted))
                    .replaceWithVoid();
        });
    }
}
