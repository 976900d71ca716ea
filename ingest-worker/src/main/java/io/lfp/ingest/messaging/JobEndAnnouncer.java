package io.lfp.ingest.messaging;

import io.lfp.events.IngestFinished;
import io.lfp.ingest.domain.IngestJob;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Announces a job's end (ingest-finished) and waits for Kafka's acknowledgement, retrying with back-off
 * through a Kafka outage: the event that triggered the end is acked only afterwards, so a crash in
 * between means redelivery and a re-announcement, never a lost result. Blocking.
 */
@ApplicationScoped
public class JobEndAnnouncer {

    private static final long FIRST_BACKOFF_MS = 500;
    private static final long MAX_BACKOFF_MS = 30_000;

    private final IngestEventPublisher publisher;

    public JobEndAnnouncer(IngestEventPublisher publisher) {
        this.publisher = publisher;
    }

    /** @param firstTime false when re-announcing a stored result (then nothing is logged) */
    public void announce(IngestJob job, boolean firstTime) {
        IngestFinished finished = job.toFinished();
        long backoffMs = FIRST_BACKOFF_MS;
        while (true) {
            try {
                publisher.finishedAndWait(finished);
                break;
            } catch (RuntimeException e) {
                Log.warnf("Upload %s: announcing the end failed (%s); retrying in %d ms", job.uploadId(), e,
                        backoffMs);
                sleep(backoffMs);
                backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
            }
        }
        if (firstTime) {
            Log.infof("Upload %s: %s, %d chunks (%d failed), %d rows read, %d loaded, %d rejected, "
                    + "%d products written%s", job.uploadId(), job.state(), job.chunksTotal(), job.chunksFailed(),
                    job.rowsRead(), job.rowsLoaded(), job.rowsRejected(), job.productsWritten(),
                    job.error() == null ? "" : " (" + job.error() + ")");
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Shutting down while announcing a job's end", stop);
        }
    }
}
