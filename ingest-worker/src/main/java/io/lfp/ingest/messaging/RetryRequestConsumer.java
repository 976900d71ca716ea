package io.lfp.ingest.messaging;

import io.lfp.events.RetryRequested;
import io.lfp.events.Topics;
import io.lfp.ingest.service.JobRetryService;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Retries of FAILED uploads (ingest-retry-requested, sent by upload-service's POST /api/uploads/{id}/retry):
 * reopens the job and announces its chunks to run again on ingest-chunks. Blocking on purpose: a transaction
 * that may count the staging table, then Kafka acknowledgements. The record is acked only after both, so a
 * crash in between means redelivery, which announces the chunks still waiting (see {@link JobRetryService}).
 */
@ApplicationScoped
public class RetryRequestConsumer {

    private final JobRetryService retries;
    private final ChunkRetryPublisher chunks;
    private final IngestEventPublisher publisher;

    public RetryRequestConsumer(JobRetryService retries, ChunkRetryPublisher chunks, IngestEventPublisher publisher) {
        this.retries = retries;
        this.chunks = chunks;
        this.publisher = publisher;
    }

    @Incoming(Topics.INGEST_RETRY_REQUESTED)
    @Blocking
    public void retry(RetryRequested request) {
        if (request == null || !isUuid(request.uploadId()) || request.retry() < 1) {
            Log.warnf("Ignoring an invalid %s event: %s", Topics.INGEST_RETRY_REQUESTED, request);
            return;
        }
        JobRetryService.RetryOutcome outcome = retries.reopen(request);
        if (outcome.refused() != null) {
            publisher.finishedAndWait(outcome.refused());
        } else if (!outcome.chunksAgain().isEmpty()) {
            chunks.announceAndWait(outcome.chunksAgain());
        }
    }

    private static boolean isUuid(String id) {
        try {
            UUID.fromString(id);
            return true;
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }
}
