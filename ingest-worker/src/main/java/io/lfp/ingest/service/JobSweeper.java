package io.lfp.ingest.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.lfp.ingest.config.IngestConfig;
import io.lfp.ingest.domain.IngestJob;
import io.lfp.ingest.repository.JobSweepRepository;
import io.lfp.ingest.repository.StagingRepository;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * No job waits forever, and bookkeeping does not pile up. Every {@code lfp.ingest.sweep-interval}, on its
 * own thread, every instance:
 * <ul>
 * <li>ends FAILED each job that is not complete, from which no chunk was heard for
 * {@code lfp.ingest.silence-timeout}, and whose upload is not being received any more (sealed but a chunk
 * never came; chunks came but the seal never did; upload-service died or its abort was lost): nothing is
 * merged, the staging table is dropped, and ingest-finished tells upload-service and the dashboard;</li>
 * <li>announces again the result of a job whose upload still waits for it a silence after it ended;</li>
 * <li>drops the staging table of a FAILED job after {@code lfp.ingest.failed-staging-retention};</li>
 * <li>deletes the bookkeeping of jobs that ended more than {@code lfp.ingest.retention} ago.</li>
 * </ul>
 * Instances sweep at once without harm: each job is ended under its row lock (SKIP LOCKED), after checking
 * again that it is silent, and an announcement or a delete done twice changes nothing.
 */
@ApplicationScoped
public class JobSweeper {

    static final int BATCH = 100;

    private final Pool pool;
    private final JobSweepRepository sweeps;
    private final StagingRepository staging;
    private final JobEndService announcer;
    private final IngestConfig config;
    private ScheduledExecutorService timer;

    public JobSweeper(Pool pool, JobSweepRepository sweeps, StagingRepository staging, JobEndService announcer,
            IngestConfig config) {
        this.pool = pool;
        this.sweeps = sweeps;
        this.staging = staging;
        this.announcer = announcer;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "job-sweeper");
            t.setDaemon(true);
            return t;
        });
        long interval = Math.max(100, config.sweepInterval().toMillis());
        timer.scheduleWithFixedDelay(this::sweep, interval, interval, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** One round; never throws (the timer would stop). */
    void sweep() {
        try {
            boolean withUploads = sweeps.uploadsActivityExists().await().indefinitely();
            endSilentJobs(withUploads);
            if (withUploads) {
                announceLostResults();
            }
            dropFailedStaging();
            deleteExpired();
        } catch (RuntimeException e) {
            Log.warnf("Sweeping jobs failed, trying again in %s: %s", config.sweepInterval(), e.toString());
        }
    }

    /** Ends the silent jobs; yields them. */
    List<IngestJob> endSilentJobs(boolean withUploads) {
        Duration silence = config.silenceTimeout();
        List<UUID> candidates = sweeps.silent(silence, withUploads, BATCH).await().indefinitely();
        List<IngestJob> ended = new ArrayList<>();
        for (UUID uploadId : candidates) {
            IngestJob job = pool.withTransaction(tx -> sweeps.lockSilent(tx, uploadId, silence, withUploads)
                    .chain(silent -> silent == null ? Uni.createFrom().nullItem()
                            : sweeps.fail(tx, uploadId, reason(silent, silence))
                                    .call(() -> staging.drop(tx, uploadId))))
                    .await().indefinitely();
            if (job != null) {
                Log.warnf("Upload %s: job swept: %s", uploadId, job.error());
                announcer.announce(job, true);
                ended.add(job);
            }
        }
        return ended;
    }

    private void announceLostResults() {
        for (IngestJob job : sweeps.unannounced(config.silenceTimeout(), BATCH).await().indefinitely()) {
            Log.infof("Upload %s: its upload still waits for the job's end (%s), announcing it again", job.uploadId(),
                    job.state());
            announcer.announce(job, false);
        }
    }

    private void dropFailedStaging() {
        Duration age = config.failedStagingRetention();
        for (UUID uploadId : sweeps.failedWithStaging(age, BATCH).await().indefinitely()) {
            boolean dropped = pool.withTransaction(tx -> sweeps.lockFailed(tx, uploadId, age)
                    .call(locked -> locked ? staging.drop(tx, uploadId) : Uni.createFrom().voidItem()))
                    .await().indefinitely();
            if (dropped) {
                Log.infof("Upload %s: staging table of the failed job dropped after %s", uploadId, age);
            }
        }
    }

    private void deleteExpired() {
        List<UUID> deleted;
        do {
            deleted = sweeps.deleteExpired(config.retention(), BATCH).await().indefinitely();
            for (UUID uploadId : deleted) {
                staging.drop(pool, uploadId).await().indefinitely();
            }
            if (!deleted.isEmpty()) {
                Log.infof("Deleted the bookkeeping of %d jobs that ended more than %s ago", deleted.size(),
                        config.retention());
            }
        } while (deleted.size() == BATCH);
    }

    /** Says what was missing, so the user knows the file never arrived whole. */
    static String reason(IngestJob job, Duration silence) {
        int in = job.chunksDone() + job.chunksFailed();
        String missing = job.chunksTotal() == 0
                ? in + " chunks arrived but the end of the file was never announced (upload-service stopped while "
                        + "receiving it, or could not announce it)"
                : "only " + in + " of " + job.chunksTotal() + " chunks arrived";
        return "Nothing was heard of this upload for " + human(silence) + ": " + missing
                + "; nothing of it is loaded: upload the file again";
    }

    /** "5 min", "90 s". */
    static String human(Duration d) {
        long s = d.toSeconds();
        return s >= 60 && s % 60 == 0 ? s / 60 + " min" : s + " s";
    }
}
