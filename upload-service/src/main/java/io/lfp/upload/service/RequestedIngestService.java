package io.lfp.upload.service;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lfp.errors.DomainException;
import io.lfp.events.IngestRequested;
import io.lfp.events.IngestState;
import io.lfp.upload.config.UploadConfig;
import io.lfp.upload.domain.FilePlan;
import io.lfp.upload.domain.NoDataRowsException;
import io.lfp.upload.domain.ObjectNotFoundException;
import io.lfp.upload.domain.Upload;
import io.lfp.upload.domain.WrongHeaderException;
import io.lfp.upload.repository.UploadRepository;
import io.quarkus.logging.Log;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Ingestion of an object that is already in S3 (an {@link IngestRequested} event): the object is
 * recorded as an upload, read once from S3 through the same checks and planner as an HTTP upload,
 * and announced like one. Its chunks are ranges of the existing object; nothing is copied.
 */
@ApplicationScoped
public class RequestedIngestService {

    private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);
    private static final int READ_BUFFER = 64 * 1024;

    private final S3Client s3;
    private final UploadRepository uploads;
    private final UploadEventService announcer;
    private final UploadConfig config;
    private final ActiveUploads active;

    public RequestedIngestService(S3Client s3, UploadRepository uploads, UploadEventService announcer,
            UploadConfig config, ActiveUploads active) {
        this.s3 = s3;
        this.uploads = uploads;
        this.announcer = announcer;
        this.config = config;
        this.active = active;
    }

    /**
     * Blocking (S3 stream, database, Kafka acks): call from a worker thread.
     *
     * @param requestKey where the request was read (topic/partition/offset): the same request delivered
     *        again maps to the same upload
     * @return the upload, in its state after this call
     */
    public Upload ingest(IngestRequested request, String requestKey) {
        String filename = FileNames.baseName(request.filename() != null && !request.filename().isBlank()
                ? request.filename()
                : request.key());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Upload upload = uploads.insertRequested(UUID.randomUUID(), filename, request.bucket(), request.key(), now,
                requestKey).await().atMost(DB_TIMEOUT);
        if (upload.status() != IngestState.QUEUED) {
            Log.infof("Request %s delivered again: upload %s is already %s", requestKey, upload.id(), upload.status());
            return upload;
        }
        // A QUEUED row seen again may have been planned and (partly) announced before a crash: planning is
        // deterministic and the consumers of FileUploaded and ChunkReady are idempotent, so doing it again is
        // safe, and it is what gets a half-announced upload going.
        active.started(upload.id()); // planning a large object takes a while: not silent meanwhile
        try {
            FilePlan plan = plan(request.bucket(), request.key());
            Optional<Upload> planned = uploads.recordPlan(upload.id(), plan.sizeBytes(), plan.chunks().size(),
                    plan.recordsTotal()).await().atMost(DB_TIMEOUT);
            if (planned.isEmpty()) {
                return reload(upload);
            }
            announcer.announce(planned.get(), plan);
            markSealed(upload);
            Log.infof("Requested upload %s queued: s3://%s/%s, %d bytes, %d records in %d chunks, seq %d",
                    upload.id(), request.bucket(), request.key(), plan.sizeBytes(), plan.recordsTotal(),
                    plan.chunks().size(), upload.seq());
        } catch (WrongHeaderException e) {
            fail(upload, "Wrong CSV header: expected '" + e.expected() + "' but found '" + e.found() + "'");
        } catch (ObjectNotFoundException e) {
            fail(upload, "Object not found: " + e.detail());
        } catch (DomainException e) {
            fail(upload, e.error() + ": " + e.detail());
        } catch (IOException | RuntimeException e) {
            // S3 or Kafka trouble: the request is not retried by redelivery (its offset is committed), so the
            // upload says why it failed and the requester can send it again
            fail(upload, "Could not ingest s3://" + request.bucket() + "/" + request.key() + ": " + e);
        } finally {
            active.ended(upload.id());
        }
        return reload(upload);
    }

    /** One pass over the object: text and header checks on its first bytes, the planner on all of them. */
    FilePlan plan(String bucket, String key) throws IOException {
        ResponseInputStream<GetObjectResponse> object;
        try {
            object = s3.getObject(b -> b.bucket(bucket).key(key));
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            throw new ObjectNotFoundException(bucket, key);
        }
        boolean complete = false;
        try (InputStream raw = object) {
            ChunkPlanner planner = ChunkPlanner.of(config);
            PlanningInputStream in = new PlanningInputStream(raw, planner, Long.MAX_VALUE);
            byte[] buffer = new byte[READ_BUFFER];
            int first = S3ObjectWriter.readFully(in, buffer);
            TextCheck.check(buffer, first);
            CsvHeaderCheck.check(buffer, first);
            while (in.read(buffer, 0, buffer.length) >= 0) {
                // the planner sees every byte as it passes
            }
            complete = true;
            FilePlan plan = planner.finish();
            if (plan.chunks().isEmpty()) {
                throw new NoDataRowsException();
            }
            return plan;
        } finally {
            if (!complete) {
                // do not let close() drain the rest of a large object we refused
                object.abort();
            }
        }
    }

    /** Announced already: a failure to record the seal is logged, never turned into a failed upload. */
    private void markSealed(Upload upload) {
        try {
            uploads.markSealed(upload.id()).await().atMost(DB_TIMEOUT);
        } catch (RuntimeException e) {
            Log.errorf("Upload %s: announced, but not recorded as sealed: %s", upload.id(), e.toString());
        }
    }

    private void fail(Upload upload, String error) {
        Log.warnf("Requested upload %s failed: %s", upload.id(), error);
        try {
            uploads.markFailed(upload.id(), error).await().atMost(DB_TIMEOUT);
        } catch (RuntimeException e) {
            Log.errorf("Upload %s not marked failed: %s", upload.id(), e.toString());
        }
    }

    private Upload reload(Upload upload) {
        return uploads.findById(upload.id()).await().atMost(DB_TIMEOUT).orElse(upload);
    }
}
