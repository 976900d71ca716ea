package io.lfp.ingest.service;

import io.lfp.events.FileUploaded;
import io.lfp.events.IngestFinished;
import io.lfp.events.IngestProgressed;
import io.lfp.events.IngestState;
import io.lfp.ingest.config.IngestConfig;
import io.lfp.ingest.domain.CsvRecord;
import io.lfp.ingest.domain.IngestJob;
import io.lfp.ingest.domain.MalformedFileException;
import io.lfp.ingest.domain.ProductRow;
import io.lfp.ingest.domain.RejectedRow;
import io.lfp.ingest.domain.WrongHeaderException;
import io.lfp.ingest.messaging.IngestEventPublisher;
import io.lfp.ingest.repository.IngestJobRepository;
import io.lfp.ingest.repository.IngestJobRepository.JobCounters;
import io.lfp.ingest.repository.ProductRepository;
import io.lfp.ingest.repository.RejectedRowRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.UUID;

/**
 * Runs ingest jobs: streams the object from S3, parses and validates it, upserts products in
 * batches and records the job in ingest_jobs. Blocking; called on a worker thread.
 */
@ApplicationScoped
public class IngestService {

    private final S3Client s3;
    private final ProductRepository products;
    private final RejectedRowRepository rejected;
    private final IngestJobRepository jobs;
    private final IngestEventPublisher publisher;
    private final IngestConfig config;
    private final Counter rowsLoadedCounter;
    private final Counter rowsRejectedCounter;

    public IngestService(S3Client s3, ProductRepository products, RejectedRowRepository rejected,
            IngestJobRepository jobs, IngestEventPublisher publisher, IngestConfig config, MeterRegistry metrics) {
        this.s3 = s3;
        this.products = products;
        this.rejected = rejected;
        this.jobs = jobs;
        this.publisher = publisher;
        this.config = config;
        this.rowsLoadedCounter = Counter.builder("lfp.ingest.rows.loaded").description("Valid CSV records written")
                .register(metrics);
        this.rowsRejectedCounter = Counter.builder("lfp.ingest.rows.rejected")
                .description("CSV records rejected").register(metrics);
    }

    /**
     * Ingests the announced object once. A job already terminal is not redone: its stored result is
     * returned to be announced again. A job left INGESTING by a crashed attempt restarts from the
     * beginning, which the position-guarded upsert makes safe.
     *
     * @return the result to announce, or null when the event cannot name a job (not a UUID)
     */
    public IngestFinished ingest(FileUploaded event) {
        UUID uploadId;
        try {
            uploadId = UUID.fromString(event.uploadId());
        } catch (IllegalArgumentException e) {
            Log.warnf("Ignoring file-uploaded event with an upload id that is not a UUID: %s", event.uploadId());
            return null;
        }
        IngestJob existing = jobs.find(uploadId).await().indefinitely();
        if (existing != null && existing.state().isTerminal()) {
            Log.infof("Upload %s already ingested (%s); announcing the stored result again", uploadId, existing.state());
            return existing.toFinished();
        }
        IngestJob job = jobs.start(uploadId, event.uploadSeq(), event.bucket(), event.key(), event.sizeBytes())
                .await().indefinitely();
        if (job == null) {
            // Another attempt ended the job between find and start.
            return jobs.find(uploadId).await().indefinitely().toFinished();
        }
        Log.infof("Upload %s: ingesting s3://%s/%s (seq %d)%s", uploadId, event.bucket(), event.key(),
                event.uploadSeq(), existing != null ? ", restarted after an interrupted attempt" : "");
        return new JobRun(job, event).run();
    }

    /** The mutable state of one job attempt. */
    private final class JobRun {

        private final IngestJob job;
        private final FileUploaded event;
        private final BatchWriter writer;
        private CountingInputStream counting;
        private long bytesTotal;
        private long rowsRead;
        private long lastProgressNanos;

        JobRun(IngestJob job, FileUploaded event) {
            this.job = job;
            this.event = event;
            this.bytesTotal = event.sizeBytes();
            this.writer = new BatchWriter(products, rejected, job.uploadId(), event.uploadSeq(), config,
                    this::batchDone);
        }

        IngestFinished run() {
            String error = null;
            try (ResponseInputStream<GetObjectResponse> object = s3
                    .getObject(b -> b.bucket(event.bucket()).key(event.key()))) {
                Long length = object.response().contentLength();
                if (length != null) {
                    bytesTotal = length;
                }
                counting = new CountingInputStream(object);
                publishProgress(counters());
                try (ProductCsvReader reader = new ProductCsvReader(counting)) {
                    reader.readHeader();
                    readRecords(reader);
                } catch (WrongHeaderException | MalformedFileException e) {
                    object.abort();
                    writer.finish();
                    error = e.getMessage();
                }
            } catch (NoSuchKeyException | NoSuchBucketException e) {
                error = "Object not found: s3://" + event.bucket() + "/" + event.key();
            } catch (IOException e) {
                // A broken stream is not the file's fault: fail the attempt so the event is redelivered.
                throw new UncheckedIOException("Reading s3://" + event.bucket() + "/" + event.key() + " failed", e);
            }
            IngestState state = error != null ? IngestState.FAILED
                    : writer.rowsRejected() > 0 ? IngestState.COMPLETED_WITH_ERRORS : IngestState.COMPLETED;
            IngestJob ended = jobs.finish(job.uploadId(), state, counters(), error).await().indefinitely();
            if (ended == null) {
                ended = jobs.find(job.uploadId()).await().indefinitely();
            }
            return ended.toFinished();
        }

        private void readRecords(ProductCsvReader reader) throws IOException, MalformedFileException {
            CsvRecord record;
            while ((record = reader.next()) != null) {
                rowsRead++;
                String reason = RecordValidator.rejectReason(record);
                if (reason == null) {
                    ProductRow row = RecordValidator.toProduct(record);
                    writer.add(row);
                } else {
                    RejectedRow row = RecordValidator.toRejected(record, reason);
                    writer.reject(row);
                    rowsRejectedCounter.increment();
                }
            }
            writer.finish();
        }

        /** Called after every batch written: saves the counters and, throttled, announces them. */
        private void batchDone(int rowsInBatch) {
            rowsLoadedCounter.increment(rowsInBatch);
            JobCounters c = counters();
            jobs.progress(job.uploadId(), c).await().indefinitely();
            if (System.nanoTime() - lastProgressNanos >= config.progressInterval().toNanos()) {
                publishProgress(c);
            }
        }

        /** The first event (all zero) tells watchers at once that the job started. */
        private void publishProgress(JobCounters c) {
            lastProgressNanos = System.nanoTime();
            publisher.progress(new IngestProgressed(IngestProgressed.VERSION, job.uploadId().toString(),
                    IngestState.INGESTING, c.bytesRead(), c.bytesTotal(), c.rowsRead(), c.rowsLoaded(),
                    c.rowsRejected(), c.productsWritten(), job.startedAt(), Instant.now()));
        }

        private JobCounters counters() {
            long bytesRead = counting == null ? 0 : counting.count();
            return new JobCounters(bytesTotal, bytesRead, rowsRead, writer.rowsLoaded(), writer.rowsRejected(),
                    writer.productsWritten());
        }
    }
}
