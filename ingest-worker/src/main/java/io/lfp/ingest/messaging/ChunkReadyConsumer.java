package io.lfp.ingest.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.lfp.events.ChunkReady;
import io.lfp.events.Topics;
import io.lfp.ingest.domain.ChunkOutcome;
import io.lfp.ingest.domain.IngestJob;
import io.lfp.ingest.service.ChunkIngestService;
import io.lfp.ingest.service.JobEndService;
import io.lfp.ingest.service.ProgressThrottle;
import io.lfp.ingest.service.UploadEventValidator;
import io.lfp.messaging.EventGuard;
import io.smallrye.reactive.messaging.annotations.Blocking;

/** Ingests one chunk per ingest-chunks event and announces progress and the job's end. */
@ApplicationScoped
public class ChunkReadyConsumer {

    private final ChunkIngestService ingest;
    private final IngestEventPublisher publisher;
    private final ProgressThrottle throttle;
    private final JobEndService endAnnouncer;
    private final UploadEventValidator validator;
    private final EventGuard guard;

    public ChunkReadyConsumer(ChunkIngestService ingest, IngestEventPublisher publisher, ProgressThrottle throttle,
            JobEndService endAnnouncer, UploadEventValidator validator, EventGuard guard) {
        this.ingest = ingest;
        this.publisher = publisher;
        this.throttle = throttle;
        this.endAnnouncer = endAnnouncer;
        this.validator = validator;
        this.guard = guard;
    }

    /**
     * Blocking on purpose: a chunk is a ranged S3 download, a parse and a transaction of up to seconds.
     * Runs on the "ingest-chunks" worker pool, unordered, so up to lfp.ingest.max-concurrent-chunks chunks
     * run at once even when they come from one partition. The record is acked (its offset becomes
     * committable) only when this returns: after the chunk's transaction committed and, for the job's end,
     * after Kafka acknowledged IngestFinished. A crash before that means redelivery, which is a no-op that
     * re-announces the result, never a lost or double-counted chunk. A record it may not act on goes to
     * ingest-chunks-dlq (see {@link EventGuard}).
     */
    @Incoming(Topics.INGEST_CHUNKS)
    @Blocking(value = "ingest-chunks", ordered = false)
    public void consume(ChunkReady chunk) {
        // An outage is waited out by the guard (every step is idempotent, so repeating it is safe);
        // a chunk that names what it may not is dead-lettered before anything is read or staged.
        guard.run(Topics.INGEST_CHUNKS, () -> ingest(validator.check(chunk)));
    }

    private void ingest(ChunkReady chunk) {
        ChunkOutcome outcome = ingest.ingest(chunk);
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
}
