package io.lfp.upload.messaging;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.lfp.events.AggregatesChanged;
import io.lfp.events.IngestFinished;
import io.lfp.events.IngestProgressed;
import io.lfp.events.Topics;
import io.lfp.upload.repository.UploadRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Keeps each upload's row in step with its ingest job and with the aggregates. All three updates are
 * idempotent and order-tolerant (see {@link UploadRepository}), so redelivered or late events are harmless.
 */
@ApplicationScoped
public class IngestEventsConsumer {

    private final UploadRepository uploads;

    public IngestEventsConsumer(UploadRepository uploads) {
        this.uploads = uploads;
    }

    @Incoming(Topics.INGEST_PROGRESS)
    public Uni<Void> onProgress(IngestProgressed event) {
        UUID id = uploadId(event == null ? null : event.uploadId());
        if (id == null) {
            return Uni.createFrom().voidItem();
        }
        return withRetry(uploads.applyProgress(id, event.bytesRead(), event.rowsRead(), event.rowsLoaded(),
                event.rowsRejected(), event.productsWritten(), event.startedAt(), event.chunksTotal(), event.chunksDone(),
                event.chunksFailed(), event.recordsTotal()), Topics.INGEST_PROGRESS, id);
    }

    @Incoming(Topics.INGEST_FINISHED)
    public Uni<Void> onFinished(IngestFinished event) {
        UUID id = uploadId(event == null ? null : event.uploadId());
        if (id == null) {
            return Uni.createFrom().voidItem();
        }
        if (event.state() == null || !event.state().isTerminal()) {
            Log.warnf("Ignoring %s event for upload %s with non-final state %s", Topics.INGEST_FINISHED, id,
                    event.state());
            return Uni.createFrom().voidItem();
        }
        Log.infof("Upload %s finished: %s, %d rows read, %d loaded, %d rejected", id, event.state(), event.rowsRead(),
                event.rowsLoaded(), event.rowsRejected());
        return withRetry(uploads.applyFinished(id, event.state(), event.rowsRead(), event.rowsLoaded(),
                event.rowsRejected(), event.productsWritten(), event.startedAt(), event.finishedAt(), event.error(),
                event.chunksTotal(), event.chunksFailed(), event.failedChunks(), event.retryable(), event.retries()),
                Topics.INGEST_FINISHED, id);
    }

    @Incoming(Topics.AGGREGATES_CHANGED)
    public Uni<Void> onAggregatesChanged(AggregatesChanged event) {
        // aggregates may change for reasons other than one of our uploads (uploadId null)
        UUID id = uploadId(event == null ? null : event.uploadId());
        if (id == null || event.changedAt() == null) {
            return Uni.createFrom().voidItem();
        }
        return withRetry(uploads.markAggregated(id, event.changedAt()), Topics.AGGREGATES_CHANGED, id);
    }

    /**
     * A short database outage should not lose a status update, but a poison event must not stop the
     * channel either: retry a few times, then log and move on.
     */
    private static Uni<Void> withRetry(Uni<Integer> update, String topic, UUID id) {
        return update
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(5)
                .invoke(changed -> {
                    if (changed == 0) {
                        Log.debugf("%s event for unknown upload %s ignored", topic, id);
                    }
                })
                .onFailure().invoke(e -> Log.errorf("Could not apply %s event for upload %s: %s", topic, id,
                        e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Uploads announced by other systems may carry ids that are not ours, or none. */
    private static UUID uploadId(String value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            Log.debugf("Ignoring event with non-UUID upload id %s", value);
            return null;
        }
    }
}
