package io.lfp.ingest.messaging;

import io.lfp.events.ChunkReady;
import io.lfp.events.Topics;
import io.lfp.ingest.domain.ChunkOutcome;
import io.lfp.ingest.domain.IngestJob;
import io.lfp.ingest.service.ChunkIngestService;
import io.lfp.ingest.service.ProgressThrottle;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

/** Ingests one chunk per ingest-chunks event and announces progress and the job's end. */
@ApplicationScoped
public class ChunkReadyConsumer {

    private static final long FIRST_BACKOFF_MS = 500;
    private static final long MAX_BACKOFF_MS = 30_000;

    private final ChunkIngestService ingest;
    private final IngestEventPublisher publisher;
    private final ProgressThrottle throttle;
    private final JobEndAnnouncer endAnnouncer;

    public ChunkReadyConsumer(ChunkIngestService ingest, IngestEventPublisher publisher, ProgressThrottle throttle,
            JobEndAnnouncer endAnnouncer) {
        this.ingest = ingest;
        this.publisher = publisher;
        this.throttle = throttle;
        this.endAnnouncer = endAnnouncer;
    }

    /**
     * Blocking on purpose: a chunk is a ranged S3 download, a parse and a transaction of up to seconds.
     * Runs on the "ingest-chunks" worker pool, unordered, so up to lfp.ingest.max-concurrent-chunks chunks
     * run at once even when they come from one partition. The record is acked (its offset becomes
     * committable) only when this returns: after the chunk's transaction committed and, for the job's end,
     * after Kafka acknowledged IngestFinished. A crash before that means redelivery, which is a no-op that
     * re-announces the result, never a lost or double-counted chunk.
     */
    @Incoming(Topics.INGEST_CHUNKS)
    @Blocking(value = "ingest-chunks", ordered = false)
    public void consume(ChunkReady chunk) {
        if (!valid(chunk)) {
            Log.warnf("Ignoring an invalid ingest-chunks event: %s", chunk);
            return;
        }
        ChunkOutcome outcome = untilDone(chunk, "recording", () -> ingest.ingest(chunk));
        IngestJob job = outcome.job();
        if (job == null) {
            return;
        }
        boolean ended = job.state().isTerminal();
        if (outcome.committed() && throttle.shouldPublish(chunk.uploadId(), ended)) {
            // Fire and forget: a lost progress event is superseded by the next one or by the result.
            publisher.progress(job.toProgress(Instant.now()));
        }
        if (ended) {
            endAnnouncer.announce(job, outcome.committed());
        }
    }

    /**
     * Infrastructure outages (database or Kafka unreachable) are waited out with back-off instead of
     * skipping the chunk or stopping the channel; every step is idempotent, so repeating it is safe.
     */
    private static <T> T untilDone(ChunkReady chunk, String what, Supplier<T> step) {
        long backoffMs = FIRST_BACKOFF_MS;
        while (true) {
            try {
                return step.get();
            } catch (RuntimeException e) {
                Log.warnf("Upload %s chunk %d: %s the chunk failed (%s); retrying in %d ms", chunk.uploadId(),
                        chunk.chunkIndex(), what, e, backoffMs);
                try {
                    Thread.sleep(backoffMs);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Shutting down during upload " + chunk.uploadId(), stop);
                }
                backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
            }
        }
    }

    /** A record that is not a ChunkReady arrives as null (fail-on-deserialization-failure=false). */
    private static boolean valid(ChunkReady c) {
        // chunksTotal 0: announced while the file streams in, the total comes with file-uploaded
        if (c == null || c.uploadId() == null || c.bucket() == null || c.key() == null || c.chunksTotal() < 0
                || c.chunkIndex() < 0 || (c.chunksTotal() > 0 && c.chunkIndex() >= c.chunksTotal())
                || c.partSize() < 0 || c.rangeStart() < 0
                || c.rangeEnd() < c.rangeStart() || c.firstRecord() < 1 || c.firstLine() < 1) {
            return false;
        }
        try {
            UUID.fromString(c.uploadId());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
