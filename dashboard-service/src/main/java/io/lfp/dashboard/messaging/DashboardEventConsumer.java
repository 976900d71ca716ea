package io.lfp.dashboard.messaging;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.lfp.dashboard.domain.LiveProgress;
import io.lfp.dashboard.repository.RedisUnavailableException;
import io.lfp.dashboard.service.CacheState;
import io.lfp.dashboard.service.LiveUpdates;
import io.lfp.dashboard.service.ViewRefresher;
import io.lfp.events.AggregatesChanged;
import io.lfp.events.EventChecks;
import io.lfp.events.FileUploaded;
import io.lfp.events.IngestFinished;
import io.lfp.events.IngestProgressed;
import io.lfp.events.Topics;
import io.lfp.messaging.EventGuard;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the Redis views in step with the pipeline's events, then pushes the change to the live
 * stream. A view that cannot be refreshed is logged and the event acknowledged: the views are
 * caches, rebuilt when Redis is back or on a miss, so stopping the channel over one would only
 * make things worse. The push happens with Redis down too, read from PostgreSQL. A record that is
 * not an event it can show is dead-lettered ({@link EventGuard}) and the channel goes on.
 */
@ApplicationScoped
public class DashboardEventConsumer {

    private final ViewRefresher refresher;
    private final LiveUpdates live;
    private final CacheState state;
    private final EventGuard guard;

    public DashboardEventConsumer(ViewRefresher refresher, LiveUpdates live, CacheState state, EventGuard guard) {
        this.refresher = refresher;
        this.live = live;
        this.state = state;
        this.guard = guard;
    }

    /** After an upload's job, and after every single product edit (uploadId null): same refresh. */
    @Incoming(Topics.AGGREGATES_CHANGED)
    public Uni<Void> onAggregatesChanged(AggregatesChanged event) {
        return guard.guard(Topics.AGGREGATES_CHANGED, () -> {
            check(event);
            Log.infof("Aggregates changed (upload %s): %d products, %d names", event.uploadId(), event.products(),
                    event.names());
            return refresh(Topics.AGGREGATES_CHANGED, refresher::aggregatesChanged)
                    .chain(() -> live.uploadChanged(event.uploadId(), null))
                    .chain(live::totalsChanged);
        });
    }

    @Incoming(Topics.INGEST_PROGRESS)
    public Uni<Void> onIngestProgressed(IngestProgressed event) {
        return guard.guard(Topics.INGEST_PROGRESS, () -> {
            check(event);
            LiveProgress progress = LiveProgress.from(event);
            return refresh(Topics.INGEST_PROGRESS, () -> refresher.progressed(progress))
                    .chain(() -> live.uploadChanged(event.uploadId(), progress));
        });
    }

    @Incoming(Topics.INGEST_FINISHED)
    public Uni<Void> onIngestFinished(IngestFinished event) {
        return guard.guard(Topics.INGEST_FINISHED, () -> {
            check(event);
            Log.infof("Upload %s ingest ended %s: %d rows read, %d rejected", event.uploadId(), event.state(),
                    event.rowsRead(), event.rowsRejected());
            LiveProgress progress = LiveProgress.from(event);
            return refresh(Topics.INGEST_FINISHED, () -> refresher.progressed(progress))
                    .chain(() -> live.uploadChanged(event.uploadId(), progress));
        });
    }

    /** A new upload: the list and the uploads total change. */
    @Incoming(Topics.FILE_UPLOADED)
    public Uni<Void> onFileUploaded(FileUploaded event) {
        return guard.guard(Topics.FILE_UPLOADED, () -> {
            check(event);
            return refresh(Topics.FILE_UPLOADED, refresher::uploaded)
                    .chain(() -> live.uploadChanged(event.uploadId(), null))
                    .chain(live::totalsChanged);
        });
    }

    static void check(AggregatesChanged e) {
        String topic = Topics.AGGREGATES_CHANGED;
        EventChecks.readable(e, topic);
        EventChecks.version(e.version(), AggregatesChanged.VERSION, AggregatesChanged.VERSION, topic);
        // no check of the totals: a count can be negative for a while (docs/events.md, aggregates-changed)
        if (e.uploadId() != null) {
            EventChecks.uuid(e.uploadId(), "uploadId", topic);
        }
    }

    static void check(IngestProgressed e) {
        String topic = Topics.INGEST_PROGRESS;
        EventChecks.readable(e, topic);
        EventChecks.version(e.version(), 1, IngestProgressed.VERSION, topic);
        EventChecks.uuid(e.uploadId(), "uploadId", topic);
        EventChecks.require(e.state() != null, "a state", topic);
        EventChecks.require(e.bytesRead() >= 0 && e.rowsRead() >= 0 && e.rowsLoaded() >= 0 && e.rowsRejected() >= 0
                && e.productsWritten() >= 0, "counters >= 0", topic);
    }

    static void check(IngestFinished e) {
        String topic = Topics.INGEST_FINISHED;
        EventChecks.readable(e, topic);
        EventChecks.version(e.version(), 1, IngestFinished.VERSION, topic);
        EventChecks.uuid(e.uploadId(), "uploadId", topic);
        EventChecks.require(e.state() != null && e.state().isTerminal(), "a final state", topic);
        EventChecks.require(e.rowsRead() >= 0 && e.rowsLoaded() >= 0 && e.rowsRejected() >= 0
                && e.productsWritten() >= 0, "counters >= 0", topic);
    }

    static void check(FileUploaded e) {
        String topic = Topics.FILE_UPLOADED;
        EventChecks.readable(e, topic);
        EventChecks.version(e.version(), 1, FileUploaded.VERSION, topic);
        EventChecks.uuid(e.uploadId(), "uploadId", topic);
    }

    private Uni<Void> refresh(String topic, Supplier<Uni<Void>> work) {
        if (!state.isOnline()) {
            // RedisRecovery rebuilds every view once Redis answers again.
            return Uni.createFrom().voidItem();
        }
        return work.get()
                .onFailure().recoverWithUni(failure -> {
                    if (failure instanceof RedisUnavailableException) {
                        state.markOffline(failure);
                    } else {
                        Log.warnf("Views not refreshed after %s: %s", topic, failure.toString());
                    }
                    return Uni.createFrom().voidItem();
                });
    }
}
