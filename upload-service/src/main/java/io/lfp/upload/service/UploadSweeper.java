package io.lfp.upload.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.lfp.events.UploadAborted;
import io.lfp.upload.config.UploadConfig;
import io.lfp.upload.domain.Upload;
import io.lfp.upload.domain.UploadSource;
import io.lfp.upload.messaging.UploadEventPublisher;
import io.lfp.upload.repository.UploadRepository;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * No upload waits forever, and stored files do not pile up. Every instance, on its own thread:
 * <ul>
 * <li>every third of {@code lfp.upload.silence-timeout}, marks the uploads it is receiving as alive;</li>
 * <li>every {@code lfp.upload.sweep-interval}, ends FAILED each unsealed upload nobody marked alive for the
 * silence (the instance receiving it was killed or restarted, or could not send its seal), deletes its part
 * objects and announces {@link UploadAborted}, so the ingest-worker drops what it staged and merges nothing;
 * and deletes the part objects of uploads that ended longer than {@code lfp.upload.retention} ago, or that
 * failed before they were sealed (an incomplete file).</li>
 * </ul>
 * Several instances sweep at once: each silent row is claimed by one of them (SKIP LOCKED), and deleting
 * files twice is harmless.
 */
@ApplicationScoped
public class UploadSweeper {

    static final int BATCH = 100;
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);
    /** A swept upload's abort not acknowledged by then is left to the ingest-worker's own sweeper. */
    private static final Duration ANNOUNCE_WAIT = Duration.ofSeconds(10);

    private final UploadRepository uploads;
    private final ActiveUploads active;
    private final S3ObjectWriter objects;
    private final UploadEventPublisher publisher;
    private final UploadConfig config;
    private ScheduledExecutorService timer;

    public UploadSweeper(UploadRepository uploads, ActiveUploads active, S3ObjectWriter objects,
            UploadEventPublisher publisher, UploadConfig config) {
        this.uploads = uploads;
        this.active = active;
        this.objects = objects;
        this.publisher = publisher;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "upload-sweeper");
            t.setDaemon(true);
            return t;
        });
        long heartbeat = Math.max(100, config.silenceTimeout().toMillis() / 3);
        timer.scheduleWithFixedDelay(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        long interval = Math.max(100, config.sweepInterval().toMillis());
        // the first sweep soon after start: uploads an earlier run of this instance was receiving when it died
        timer.scheduleWithFixedDelay(this::sweep, Math.min(interval, 5_000), interval, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    void heartbeat() {
        List<UUID> ids = active.ids();
        if (ids.isEmpty()) {
            return;
        }
        try {
            uploads.touch(ids).await().atMost(DB_TIMEOUT);
        } catch (RuntimeException e) {
            Log.warnf("Could not mark %d uploads as being received: %s", ids.size(), e.toString());
        }
    }

    /** One round: silent uploads, then expired files. Never throws (the timer would stop). */
    void sweep() {
        try {
            sweepSilent();
            deleteExpiredFiles();
        } catch (RuntimeException e) {
            Log.warnf("Sweeping uploads failed, trying again in %s: %s", config.sweepInterval(), e.toString());
        }
    }

    /** Ends silent unsealed uploads; yields how many. */
    int sweepSilent() {
        String reason = "Nothing was heard of this upload for " + human(config.silenceTimeout())
                + " before it was complete (upload-service stopped while receiving it, or could not announce it);"
                + " nothing of it is loaded: upload the file again";
        int swept = 0;
        List<Upload> ended;
        do {
            ended = uploads.sweepSilent(config.silenceTimeout(), reason, BATCH, active.ids())
                    .await().atMost(DB_TIMEOUT);
            for (Upload upload : ended) {
                Log.warnf("Upload %s (%s) swept: FAILED, silent for %s", upload.id(), upload.filename(),
                        config.silenceTimeout());
                try {
                    publisher.abortedAndWait(new UploadAborted(UploadAborted.VERSION, upload.id().toString(), reason,
                            Instant.now()), ANNOUNCE_WAIT);
                } catch (RuntimeException e) {
                    // the row is FAILED: the ingest-worker's own sweeper ends the job when this is not heard
                    Log.warnf("Upload %s: could not announce the abort: %s", upload.id(), e.toString());
                }
                deleteFiles(upload);
            }
            swept += ended.size();
        } while (ended.size() == BATCH);
        return swept;
    }

    /** Deletes the files of uploads past their retention; yields how many uploads. */
    int deleteExpiredFiles() {
        int done = 0;
        List<Upload> expired;
        do {
            expired = uploads.filesExpired(config.retention(), BATCH).await().atMost(DB_TIMEOUT);
            for (Upload upload : expired) {
                if (!deleteFiles(upload)) {
                    return done; // S3 is failing: the next round tries again
                }
                done++;
            }
        } while (expired.size() == BATCH);
        return done;
    }

    /** An HTTP upload's part objects (a requested object is not ours); false when S3 failed. */
    private boolean deleteFiles(Upload upload) {
        try {
            int deleted = upload.source() == UploadSource.HTTP
                    ? objects.deleteAllParts(upload.bucket(), upload.objectKey())
                    : 0;
            uploads.markFilesDeleted(upload.id()).await().atMost(DB_TIMEOUT);
            Log.infof("Upload %s: %d stored part objects deleted", upload.id(), deleted);
            return true;
        } catch (RuntimeException e) {
            Log.warnf("Upload %s: could not delete its files (trying again later): %s", upload.id(), e.toString());
            return false;
        }
    }

    /** "5 min", "90 s". */
    static String human(Duration d) {
        long s = d.toSeconds();
        return s >= 60 && s % 60 == 0 ? s / 60 + " min" : s + " s";
    }
}
