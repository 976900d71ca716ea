package io.lfp.ingest.service;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.lfp.events.FailedChunk;
import io.lfp.events.IngestState;
import io.lfp.ingest.domain.IngestJob;
import io.lfp.ingest.messaging.IngestEventPublisher;
import io.lfp.ingest.repository.IngestChunkRepository;
import io.quarkus.logging.Log;

/**
 * Announces a job's end (ingest-finished, with its failed chunks read from ingest_chunks) and waits for Kafka's
 * acknowledgement, retrying with back-off
 * through a Kafka outage: the event that triggered the end is acked only afterwards, so a crash in
 * between means redelivery and a re-announcement, never a lost result. Blocking.
 */
@ApplicationScoped
public class JobEndService {

    private static final long FIRST_BACKOFF_MS = 500;
    private static final long MAX_BACKOFF_MS = 30_000;
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(30);

    private final IngestEventPublisher publisher;
    private final IngestChunkRepository chunks;

    public JobEndService(IngestEventPublisher publisher, IngestChunkRepository chunks) {
        this.publisher = publisher;
        this.chunks = chunks;
    }

    /** @param firstTime false when re-announcing a stored result (then nothing is logged) */
    public void announce(IngestJob job, boolean firstTime) {
        long backoffMs = FIRST_BACKOFF_MS;
        while (true) {
            try {
                List<FailedChunk> failed = job.state() == IngestState.FAILED && job.chunksFailed() > 0
                        ? chunks.failed(job.uploadId()).await().atMost(LOOKUP_TIMEOUT)
                        : List.of();
                publisher.finishedAndWait(job.toFinished(failed));
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
                    + "%d products written%s%s", job.uploadId(), job.state(), job.chunksTotal(), job.chunksFailed(),
                    job.rowsRead(), job.rowsLoaded(), job.rowsRejected(), job.productsWritten(),
                    job.error() == null ? "" : " (" + job.error() + ")",
                    job.retryable() ? "; staged rows kept, it can be retried" : "");
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
