package io.lfp.aggregate.messaging;

import java.time.Duration;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.lfp.aggregate.service.CountReconciler;
import io.lfp.events.IngestFinished;
import io.lfp.events.Topics;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reconciles product_counts after every ingest job, whatever its state: a FAILED job may
 * have written rows before it failed.
 */
@ApplicationScoped
public class IngestFinishedConsumer {

    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private final CountReconciler reconciler;
    private final AggregatesChangedPublisher publisher;

    public IngestFinishedConsumer(CountReconciler reconciler, AggregatesChangedPublisher publisher) {
        this.reconciler = reconciler;
        this.publisher = publisher;
    }

    /**
     * The record is acknowledged (its offset committed) only when this Uni completes, i.e. after
     * Kafka acknowledged the AggregatesChanged event. A crash in between redelivers the record,
     * which just recomputes again. Failures (database or Kafka down) are retried with back-off
     * rather than skipped: skipping would leave the job's counts unannounced.
     */
    @Incoming(Topics.INGEST_FINISHED)
    public Uni<Void> onIngestFinished(IngestFinished event) {
        if (event == null) {
            // An undecodable record (fail-on-deserialization-failure=false): nothing to reconcile for.
            Log.warn("Skipped an ingest-finished record that is not a valid IngestFinished");
            return Uni.createFrom().voidItem();
        }
        return reconciler.reconcile(event.uploadId())
                .chain(reconciled -> publisher.publish(event.uploadId(), reconciled))
                .onFailure().invoke(e -> Log.warnf("Reconcile after upload %s (%s) failed, will retry: %s",
                        event.uploadId(), event.state(), e.toString()))
                .onFailure().retry().withBackOff(FIRST_RETRY, MAX_RETRY).indefinitely();
    }
}
