package io.lfp.upload.messaging;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.lfp.events.AggregatesChanged;
import io.lfp.events.EventChecks;
import io.lfp.events.IngestFinished;
import io.lfp.events.IngestProgressed;
import io.lfp.events.Topics;
import io.lfp.messaging.EventGuard;
import io.lfp.upload.repository.UploadRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Keeps each upload's row in step with its ingest job and with the aggregates. All three updates are
 * idempotent and order-tolerant (see {@link UploadRepository}), so redelivered or late events are harmless;
 * an outage is waited out and a record that is not a sane event is dead-lettered ({@link EventGuard}).
 */
@ApplicationScoped
public class IngestEventsConsumer {

    private final UploadRepository uploads;
    private final EventGuard guard;

    public IngestEventsConsumer(UploadRepository uploads, EventGuard guard) {
        this.uploads = uploads;
        this.guard = guard;
    }

    @Incoming(Topics.INGEST_PROGRESS)
    public Uni<Void> onProgress(IngestProgressed event) {
        return guard.guard(Topics.INGEST_PROGRESS, () -> {
            UUID id = check(event);
            return applied(uploads.applyProgress(id, event.bytesRead(), event.rowsRead(), event.rowsLoaded(),
                    event.rowsRejected(), event.productsWritten(), event.startedAt(), event.chunksTotal(),
                    event.chunksDone(), event.chunksFailed(), event.recordsTotal()), Topics.INGEST_PROGRESS, id);
        });
    }

    @Incoming(Topics.INGEST_FINISHED)
    public Uni<Void> onFinished(IngestFinished event) {
        return guard.guard(Topics.INGEST_FINISHED, () -> {
            UUID id = check(event);
            Log.infof("Upload %s finished: %s, %d rows read, %d loaded, %d rejected", id, event.state(),
                    event.rowsRead(), event.rowsLoaded(), event.rowsRejected());
            return applied(uploads.applyFinished(id, event.state(), event.rowsRead(), event.rowsLoaded(),
                    event.rowsRejected(), event.productsWritten(), event.startedAt(), event.finishedAt(), event.error(),
                    event.chunksTotal(), event.chunksFailed(), event.failedChunks(), event.retryable(), event.retries()),
                    Topics.INGEST_FINISHED, id);
        });
    }

    @Incoming(Topics.AGGREGATES_CHANGED)
    public Uni<Void> onAggregatesChanged(AggregatesChanged event) {
        return guard.guard(Topics.AGGREGATES_CHANGED, () -> {
            String topic = Topics.AGGREGATES_CHANGED;
            EventChecks.readable(event, topic);
            EventChecks.version(event.version(), AggregatesChanged.VERSION, AggregatesChanged.VERSION, topic);
            // aggregates also change after a single-product edit: no upload (uploadId null)
            if (event.uploadId() == null) {
                return Uni.createFrom().voidItem();
            }
            UUID id = EventChecks.uuid(event.uploadId(), "uploadId", topic);
            EventChecks.require(event.changedAt() != null, "changedAt", topic);
            return applied(uploads.markAggregated(id, event.changedAt()), topic, id);
        });
    }

    static UUID check(IngestProgressed event) {
        String topic = Topics.INGEST_PROGRESS;
        EventChecks.readable(event, topic);
        EventChecks.version(event.version(), 1, IngestProgressed.VERSION, topic);
        UUID id = EventChecks.uuid(event.uploadId(), "uploadId", topic);
        EventChecks.require(event.bytesRead() >= 0 && event.rowsRead() >= 0 && event.rowsLoaded() >= 0
                && event.rowsRejected() >= 0 && event.productsWritten() >= 0 && event.chunksTotal() >= 0
                && event.chunksDone() >= 0 && event.chunksFailed() >= 0 && event.recordsTotal() >= 0,
                "counters >= 0", topic);
        return id;
    }

    static UUID check(IngestFinished event) {
        String topic = Topics.INGEST_FINISHED;
        EventChecks.readable(event, topic);
        EventChecks.version(event.version(), 1, IngestFinished.VERSION, topic);
        UUID id = EventChecks.uuid(event.uploadId(), "uploadId", topic);
        EventChecks.require(event.state() != null && event.state().isTerminal(), "a final state", topic);
        EventChecks.require(event.rowsRead() >= 0 && event.rowsLoaded() >= 0 && event.rowsRejected() >= 0
                && event.productsWritten() >= 0 && event.chunksTotal() >= 0 && event.chunksFailed() >= 0,
                "counters >= 0", topic);
        return id;
    }

    /** An event for an upload this service does not have (another installation's, or deleted) changes nothing. */
    private static Uni<Void> applied(Uni<Integer> update, String topic, UUID id) {
        return update.invoke(changed -> {
            if (changed == 0) {
                Log.debugf("%s event for unknown upload %s ignored", topic, id);
            }
        }).replaceWithVoid();
    }
}
