package io.lfp.upload.service;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lfp.events.IngestState;
import io.lfp.events.RetryRequested;
import io.lfp.upload.domain.NotAllowedOnUploadException;
import io.lfp.upload.domain.Requester;
import io.lfp.upload.domain.Upload;
import io.lfp.upload.domain.UploadFailedException;
import io.lfp.upload.domain.UploadNotFoundException;
import io.lfp.upload.domain.UploadNotRetryableException;
import io.lfp.upload.messaging.UploadEventPublisher;
import io.lfp.upload.repository.UploadRepository;
import io.quarkus.logging.Log;

/**
 * Retries a FAILED upload whose staged rows the ingest-worker kept: the upload goes back to INGESTING and
 * a RetryRequested asks the workers to run its failed chunks again and merge. Blocking.
 */
@ApplicationScoped
public class UploadRetryService {

    private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);

    private final UploadRepository uploads;
    private final UploadEventPublisher publisher;

    public UploadRetryService(UploadRepository uploads, UploadEventPublisher publisher) {
        this.uploads = uploads;
        this.publisher = publisher;
    }

    /**
     * @return the upload, INGESTING again
     * @throws UploadNotFoundException no such upload
     * @throws NotAllowedOnUploadException the requester neither made it nor is an admin
     * @throws UploadNotRetryableException not FAILED, or nothing kept to retry
     * @throws UploadFailedException Kafka did not take the request (the upload stays FAILED, retryable)
     */
    public Upload retry(String id, Requester requester) {
        UUID uuid = UploadIds.parse(id);
        Upload upload = uploads.findById(uuid).await().atMost(DB_TIMEOUT)
                .orElseThrow(() -> new UploadNotFoundException(id));
        requester.mayActOn(upload);
        if (upload.status() != IngestState.FAILED) {
            throw UploadNotRetryableException.notFailed(uuid, upload.status());
        }
        if (!upload.retryable()) {
            throw UploadNotRetryableException.nothingKept(uuid);
        }
        // a concurrent retry may have reopened it since it was read
        Upload reopened = uploads.reopenForRetry(uuid).await().atMost(DB_TIMEOUT)
                .orElseThrow(() -> UploadNotRetryableException.notFailed(uuid, IngestState.INGESTING));
        try {
            publisher.retryAndWait(new RetryRequested(RetryRequested.VERSION, id, reopened.retries(), Instant.now()));
        } catch (RuntimeException e) {
            String reason = "The retry could not be requested (" + e.getMessage() + "); try again";
            uploads.undoRetry(uuid, reopened.retries(), reason).await().atMost(DB_TIMEOUT);
            throw new UploadFailedException(reason, e);
        }
        Log.infof("Upload %s: retry %d requested (%d failed chunks)", uuid, reopened.retries(),
                reopened.failedChunks().size());
        return reopened;
    }
}
