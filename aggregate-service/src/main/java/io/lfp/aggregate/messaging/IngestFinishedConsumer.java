package io.lfp.aggregate.messaging;

import java.time.Duration;
import java.util.UUID;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.lfp.aggregate.service.CountChangeApplier;
import io.lfp.events.IngestFinished;
import io.lfp.events.IngestState;
import io.lfp.events.Topics;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Adds an ended job's count changes to product_counts and announces the totals. A FAILED job merged
 * nothing: the totals are announced as they are, and the upload is not recorded as added, so its changes
 * are added when a retry completes it.
 */
@ApplicationScoped
public class IngestFinishedConsumer {

    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private final CountChangeApplier applier;
    private final AggregatesChangedPublisher publisher;

    public IngestFinishedConsumer(CountChangeApplier applier, AggregatesChangedPublisher publisher) {
        this.applier = applier;
        this.publisher = publisher;
    }

    /**
     * The record is acknowledged (its offset committed) only when this Uni completes, i.e. after
     * Kafka acknowledged the AggregatesChanged event. A crash in between redelivers the record,
     * which adds nothing (the upload is recorded as applied) and announces again. Failures
     * (database or Kafka down) are retried with back-off rather than skipped: skipping would
     * leave the job's counts unannounced.
     */
    @Incoming(Topics.INGEST_FINISHED)
    public Uni<Void> onIngestFinished(IngestFinished event) {
        if (event == null) {
            // An undecodable record (fail-on-deserialization-failure=false): nothing to add.
            Log.warn("Skipped an ingest-finished record that is not a valid IngestFinished");
            return Uni.createFrom().voidItem();
        }
        UUID uploadId;
        try {
            uploadId = UUID.fromString(event.uploadId());
        } catch (IllegalArgumentException | NullPointerException e) {
            Log.warnf("Skipped an ingest-finished record with an invalid upload id: %s", event);
            return Uni.createFrom().voidItem();
        }
        return (event.state() == IngestState.FAILED ? applier.totals() : applier.applyUpload(uploadId))
                .chain(applied -> publisher.publish(event.uploadId(), applied))
                .onFailure().invoke(e -> Log.warnf("Counts after upload %s (%s) failed, will retry: %s",
                        event.uploadId(), event.state(), e.toString()))
                .onFailure().retry().withBackOff(FIRST_RETRY, MAX_RETRY).indefinitely();
    }
}
