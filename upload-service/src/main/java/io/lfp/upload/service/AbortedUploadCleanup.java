package io.lfp.upload.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.lfp.events.UploadAborted;
import io.lfp.upload.domain.Upload;
import io.lfp.upload.messaging.UploadEventPublisher;
import io.lfp.upload.repository.UploadRepository;
import io.quarkus.logging.Log;

/**
 * Leaves no trace of an upload that stopped midway: calls off its announced chunks ({@code upload-aborted}: the
 * ingest-worker drops what it staged and loads nothing), deletes its stored parts and removes its row. Each step
 * is tried at once; a step that fails (Kafka, S3 or PostgreSQL down — often the very reason the upload
 * stopped) is done again in the background with back-off until it succeeds, so the client gets its answer
 * without waiting, and the row never stays QUEUED once the database is back. Every step is safe to repeat.
 */
@ApplicationScoped
public class AbortedUploadCleanup {

    /** How long the immediate try of a step may wait (for Kafka's ack, or the database). */
    static final Duration QUICK = Duration.ofSeconds(5);
    static final long FIRST_BACKOFF_MS = 1_000;
    static final long MAX_BACKOFF_MS = 30_000;

    private final UploadEventPublisher publisher;
    private final S3ObjectWriter objects;
    private final UploadRepository uploads;
    private final ActiveUploads active;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "aborted-upload-cleanup");
        t.setDaemon(true);
        return t;
    });

    public AbortedUploadCleanup(UploadEventPublisher publisher, S3ObjectWriter objects, UploadRepository uploads,
            ActiveUploads active) {
        this.publisher = publisher;
        this.objects = objects;
        this.uploads = uploads;
        this.active = active;
    }

    @PreDestroy
    void stop() {
        // what is still pending is left to the sweeper that ends silent uploads
        later.shutdownNow();
    }

    /**
     * @param parts how many part objects may have been stored (deleting one that is not there is harmless)
     * @param reason why it stopped, for {@code upload-aborted}
     * @return true when everything was done now, false when something is left to the background
     */
    public boolean cleanUp(Upload upload, int parts, String reason) {
        Pending pending = new Pending(upload, parts,
                new UploadAborted(UploadAborted.VERSION, upload.id().toString(), reason, Instant.now()));
        if (pending.tryOnce()) {
            return true;
        }
        Log.warnf("Upload %s: cleanup not finished (%s), retrying in the background", upload.id(), pending.left());
        active.cleaningUp(upload.id()); // not the sweeper's to end: it is ending, with the reason the client got
        later.schedule(() -> retry(pending, FIRST_BACKOFF_MS), FIRST_BACKOFF_MS, TimeUnit.MILLISECONDS);
        return false;
    }

    private void retry(Pending pending, long backoffMs) {
        if (pending.tryOnce()) {
            Log.infof("Upload %s: cleanup finished after an outage; nothing of it is left", pending.upload.id());
            active.cleanedUp(pending.upload.id());
            return;
        }
        long next = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
        later.schedule(() -> retry(pending, next), next, TimeUnit.MILLISECONDS);
    }

    /** One upload's cleanup: which steps are done. Used by one thread at a time. */
    private final class Pending {
        final Upload upload;
        final int parts;
        final UploadAborted event;
        boolean announced;
        boolean partsDeleted;
        boolean rowDeleted;

        Pending(Upload upload, int parts, UploadAborted event) {
            this.upload = upload;
            this.parts = parts;
            this.event = event;
        }

        /** Tries the steps still to do, in order; true when all are done. */
        boolean tryOnce() {
            if (!announced) {
                try {
                    publisher.abortedAndWait(event, QUICK);
                    announced = true;
                } catch (RuntimeException e) {
                    Log.debugf("Upload %s: abort not announced: %s", upload.id(), e.toString());
                }
            }
            if (!partsDeleted) {
                partsDeleted = objects.deleteParts(upload.bucket(), upload.objectKey(), parts);
            }
            if (!rowDeleted) {
                try {
                    uploads.delete(upload.id()).await().atMost(QUICK);
                    rowDeleted = true;
                } catch (RuntimeException e) {
                    Log.debugf("Upload %s: row not deleted: %s", upload.id(), e.toString());
                }
            }
            return announced && partsDeleted && rowDeleted;
        }

        String left() {
            List<String> left = new ArrayList<>();
            if (!announced) {
                left.add("upload-aborted not acknowledged");
            }
            if (!partsDeleted) {
                left.add("parts not deleted");
            }
            if (!rowDeleted) {
                left.add("row not removed");
            }
            return String.join("; ", left);
        }
    }
}
