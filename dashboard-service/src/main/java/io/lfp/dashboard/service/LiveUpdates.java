package io.lfp.dashboard.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.lfp.dashboard.domain.LiveEvent;
import io.lfp.dashboard.domain.LiveProgress;
import io.lfp.dashboard.domain.UploadNotFoundException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Pushes what an event changed to the live-stream clients, read the way the API reads it: from the
 * Redis views just refreshed, or from PostgreSQL while Redis is down. Best effort: a push that
 * fails is logged and skipped; the page catches up on the next event or when it reconnects.
 */
@ApplicationScoped
public class LiveUpdates {

    private final DashboardService dashboard;
    private final LiveStream stream;

    public LiveUpdates(DashboardService dashboard, LiveStream stream) {
        this.dashboard = dashboard;
        this.stream = stream;
    }

    /**
     * Pushes the upload's item. {@code live} is the event's own progress, laid over again: while
     * Redis is down the table may not have taken this event in yet (upload-service consumes it too).
     */
    public Uni<Void> uploadChanged(String uploadId, LiveProgress live) {
        if (!stream.hasClients() || uploadId == null) {
            return Uni.createFrom().voidItem();
        }
        return dashboard.upload(uploadId)
                .invoke(found -> stream.publish(LiveEvent.upload(found.value().withLive(live))))
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> skipped("upload " + uploadId, failure));
    }

    /** Pushes the totals. */
    public Uni<Void> totalsChanged() {
        if (!stream.hasClients()) {
            return Uni.createFrom().voidItem();
        }
        return dashboard.summary()
                .invoke(summary -> stream.publish(LiveEvent.summary(summary)))
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> skipped("summary", failure));
    }

    private static Uni<Void> skipped(String what, Throwable failure) {
        if (failure instanceof UploadNotFoundException) {
            // Events may name uploads this database does not have (another system's ids).
            Log.debugf("Live update of %s skipped: %s", what, failure.getMessage());
        } else {
            Log.warnf("Live update of %s skipped: %s", what, failure.toString());
        }
        return Uni.createFrom().voidItem();
    }
}
