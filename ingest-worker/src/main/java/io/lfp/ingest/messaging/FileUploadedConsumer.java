package io.lfp.ingest.messaging;

import io.lfp.events.FileUploaded;
import io.lfp.events.IngestFinished;
import io.lfp.events.Topics;
import io.lfp.ingest.service.IngestService;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Runs one ingest job per file-uploaded event. */
@ApplicationScoped
public class FileUploadedConsumer {

    private static final long FIRST_BACKOFF_MS = 500;
    private static final long MAX_BACKOFF_MS = 30_000;

    private final IngestService ingest;
    private final IngestEventPublisher publisher;

    public FileUploadedConsumer(IngestService ingest, IngestEventPublisher publisher) {
        this.ingest = ingest;
        this.publisher = publisher;
    }

    /**
     * Blocking on purpose: the job streams the S3 object with blocking I/O for seconds to minutes.
     * Runs on the "ingest-jobs" worker pool, unordered, so several uploads are ingested at once
     * (bounded by smallrye.messaging.worker.ingest-jobs.max-concurrency). The message is acked when
     * this method returns, i.e. after the job's IngestFinished was acknowledged by Kafka.
     */
    @Incoming(Topics.FILE_UPLOADED)
    @Blocking(value = "ingest-jobs", ordered = false)
    public void consume(FileUploaded event) {
        if (event == null || event.uploadId() == null || event.bucket() == null || event.key() == null) {
            Log.warnf("Ignoring an incomplete file-uploaded event: %s", event);
            return;
        }
        IngestFinished result = ingestUntilDone(event);
        if (result != null) {
            Log.infof("Upload %s: %s, %d rows read, %d loaded, %d rejected, %d products written%s", result.uploadId(),
                    result.state(), result.rowsRead(), result.rowsLoaded(), result.rowsRejected(),
                    result.productsWritten(), result.error() == null ? "" : " (" + result.error() + ")");
        }
    }

    /**
     * A failure outside the file (database or Kafka unavailable, a broken S3 stream) is retried with
     * back-off rather than skipped or stopping the channel: a retried job restarts from the beginning,
     * which the position-guarded upsert makes safe. Problems of the file itself end the job as FAILED
     * inside {@link IngestService} and are not retried.
     */
    private IngestFinished ingestUntilDone(FileUploaded event) {
        long backoffMs = FIRST_BACKOFF_MS;
        while (true) {
            try {
                IngestFinished result = ingest.ingest(event);
                if (result != null) {
                    publisher.finishedAndWait(result);
                }
                return result;
            } catch (RuntimeException e) {
                Log.warnf("Upload %s: attempt failed (%s); retrying in %d ms", event.uploadId(), e, backoffMs);
                try {
                    Thread.sleep(backoffMs);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Shutting down during upload " + event.uploadId(), stop);
                }
                backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
            }
        }
    }
}
