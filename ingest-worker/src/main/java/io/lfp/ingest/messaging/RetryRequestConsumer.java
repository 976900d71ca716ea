package io.lfp.ingest.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.lfp.events.EventChecks;
import io.lfp.events.RetryRequested;
import io.lfp.events.Topics;
import io.lfp.ingest.service.JobRetryService;
import io.lfp.messaging.EventGuard;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Retries of FAILED uploads (ingest-retry-requested, sent by upload-service's POST /api/uploads/{id}/retry):
 * reopens the job and announces its chunks to run again on ingest-chunks. Blocking on purpose: a transaction
 * that may count the staging table, then Kafka acknowledgements. The record is acked only after both, so a
 * crash in between means redelivery, which announces the chunks still waiting (see {@link JobRetryService}).
 * An outage is waited out and a record it may not act on is dead-lettered ({@link EventGuard}).
 */
@ApplicationScoped
public class RetryRequestConsumer {

    private final JobRetryService retries;
    private final ChunkRetryPublisher chunks;
    private final IngestEventPublisher publisher;
    private final EventGuard guard;

    public RetryRequestConsumer(JobRetryService retries, ChunkRetryPublisher chunks, IngestEventPublisher publisher,
            EventGuard guard) {
        this.retries = retries;
        this.chunks = chunks;
        this.publisher = publisher;
        this.guard = guard;
    }

    @Incoming(Topics.INGEST_RETRY_REQUESTED)
    @Blocking
    public void retry(RetryRequested request) {
        guard.run(Topics.INGEST_RETRY_REQUESTED, () -> {
            check(request);
            JobRetryService.RetryOutcome outcome = retries.reopen(request);
            if (outcome.refused() != null) {
                publisher.finishedAndWait(outcome.refused());
            } else if (!outcome.chunksAgain().isEmpty()) {
                chunks.announceAndWait(outcome.chunksAgain());
            }
        });
    }

    static void check(RetryRequested request) {
        String topic = Topics.INGEST_RETRY_REQUESTED;
        EventChecks.readable(request, topic);
        EventChecks.version(request.version(), 1, RetryRequested.VERSION, topic);
        EventChecks.uuid(request.uploadId(), "uploadId", topic);
        EventChecks.require(request.retry() >= 1, "a retry number of at least 1", topic);
    }
}
