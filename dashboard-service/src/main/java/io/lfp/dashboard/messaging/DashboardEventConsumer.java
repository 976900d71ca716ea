package io.lfp.dashboard.messaging;

import io.lfp.dashboard.domain.LiveProgress;
import io.lfp.dashboard.repository.RedisUnavailableException;
import io.lfp.dashboard.service.CacheState;
import io.lfp.dashboard.service.ViewRefresher;
import io.lfp.events.AggregatesChanged;
import io.lfp.events.FileUploaded;
import io.lfp.events.IngestFinished;
import io.lfp.events.IngestProgressed;
import io.lfp.events.Topics;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.function.Supplier;

/**
 * Keeps the Redis views in step with the pipeline's events. A view that cannot be refreshed is
 * logged and the event acknowledged: the views are caches, rebuilt when Redis is back or on a miss,
 * so stopping the channel over one would only make things worse.
 */
@ApplicationScoped
public class DashboardEventConsumer {

    private final ViewRefresher refresher;
    private final CacheState state;

    public DashboardEventConsumer(ViewRefresher refresher, CacheState state) {
        this.refresher = refresher;
        this.state = state;
    }

    @Incoming(Topics.AGGREGATES_CHANGED)
    public Uni<Void> onAggregatesChanged(AggregatesChanged event) {
        Log.infof("Aggregates changed (upload %s): %d products, %d names", event.uploadId(), event.products(),
                event.names());
        return refresh(Topics.AGGREGATES_CHANGED, refresher::aggregatesChanged);
    }

    @Incoming(Topics.INGEST_PROGRESS)
    public Uni<Void> onIngestProgressed(IngestProgressed event) {
        return refresh(Topics.INGEST_PROGRESS, () -> refresher.progressed(LiveProgress.from(event)));
    }

    @Incoming(Topics.INGEST_FINISHED)
    public Uni<Void> onIngestFinished(IngestFinished event) {
        Log.infof("Upload %s ingest ended %s: %d rows read, %d rejected", event.uploadId(), event.state(),
                event.rowsRead(), event.rowsRejected());
        return refresh(Topics.INGEST_FINISHED, () -> refresher.progressed(LiveProgress.from(event)));
    }

    @Incoming(Topics.FILE_UPLOADED)
    public Uni<Void> onFileUploaded(FileUploaded event) {
        return refresh(Topics.FILE_UPLOADED, refresher::uploaded);
    }

    private Uni<Void> refresh(String topic, Supplier<Uni<Void>> work) {
        if (!state.isOnline()) {
            // RedisProbe rebuilds every view once Redis answers again.
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
