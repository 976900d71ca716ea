package io.lfp.aggregate.messaging;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.lfp.aggregate.service.CountChangeApplier;
import io.lfp.events.EventChecks;
import io.lfp.events.IngestFinished;
import io.lfp.events.IngestState;
import io.lfp.events.Topics;
import io.lfp.messaging.EventGuard;
import io.smallrye.mutiny.Uni;

/**
 * Adds an ended job's count changes to product_counts and announces the totals. A FAILED job merged
 * nothing: the totals are announced as they are, and the upload is not recorded as added, so its changes
 * are added when a retry completes it.
 */
@ApplicationScoped
public class IngestFinishedConsumer {

    private final CountChangeApplier applier;
    private final AggregatesChangedPublisher publisher;
    private final EventGuard guard;

    public IngestFinishedConsumer(CountChangeApplier applier, AggregatesChangedPublisher publisher, EventGuard guard) {
        this.applier = applier;
        this.publisher = publisher;
        this.guard = guard;
    }

    /**
     * The record is acknowledged (its offset committed) only when this Uni completes, i.e. after
     * Kafka acknowledged the AggregatesChanged event. A crash in between redelivers the record,
     * which adds nothing (the upload is recorded as applied) and announces again. An outage
     * (database or Kafka down) is waited out rather than skipped: skipping would leave the job's counts
     * unannounced. A record it may not act on is dead-lettered ({@link EventGuard}).
     */
    @Incoming(Topics.INGEST_FINISHED)
    public Uni<Void> onIngestFinished(IngestFinished event) {
        return guard.guard(Topics.INGEST_FINISHED, () -> {
            UUID uploadId = check(event);
            // a FAILED job merged nothing: nothing to add, and nothing recorded, so its retry's changes are added once
            return (event.state() == IngestState.FAILED ? applier.totals() : applier.applyUpload(uploadId))
                    .chain(applied -> publisher.publish(event.uploadId(), applied));
        });
    }

    static UUID check(IngestFinished event) {
        String topic = Topics.INGEST_FINISHED;
        EventChecks.readable(event, topic);
        EventChecks.version(event.version(), 1, IngestFinished.VERSION, topic);
        UUID uploadId = EventChecks.uuid(event.uploadId(), "uploadId", topic);
        EventChecks.require(event.state() != null && event.state().isTerminal(), "a final state", topic);
        return uploadId;
    }
}
