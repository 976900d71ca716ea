package io.lfp.upload.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import jakarta.enterprise.context.ApplicationScoped;

import io.lfp.errors.DomainException;
import io.lfp.upload.config.UploadConfig;
import io.lfp.upload.domain.DecompressedTooLargeException;
import io.lfp.upload.domain.FilePlan;
import io.lfp.upload.domain.FileTooLargeException;
import io.lfp.upload.domain.InvalidGzipException;
import io.lfp.upload.domain.NoDataRowsException;
import io.lfp.upload.domain.Upload;
import io.lfp.upload.domain.UploadFailedException;
import io.lfp.upload.domain.UploadNotFoundException;
import io.lfp.upload.repository.UploadRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The upload path: check the header, stream the file to S3 while planning its chunks, record the upload,
 * announce it and its chunks.
 * Nothing is stored for a file whose header is wrong; nothing is left behind when a later step fails.
 */
@ApplicationScoped
public class UploadService {

    private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);
    private static final int GZIP_BUFFER = 64 * 1024;

    private final UploadConfig config;
    private final BucketService buckets;
    private final S3ObjectWriter objects;
    private final UploadRepository uploads;
    private final UploadEventService announcer;
    private final OutageRetry retry;
    private final AbortedUploadCleanup cleanup;
    private final ActiveUploads active;
    private final MeterRegistry registry;
    private final Counter accepted;
    private final Counter bytesStored;
    private final Counter failed;

    public UploadService(UploadConfig config, BucketService buckets, S3ObjectWriter objects, UploadRepository uploads,
            UploadEventService announcer, OutageRetry retry, AbortedUploadCleanup cleanup, ActiveUploads active,
            MeterRegistry registry) {
        this.config = config;
        this.buckets = buckets;
        this.objects = objects;
        this.uploads = uploads;
        this.announcer = announcer;
        this.retry = retry;
        this.cleanup = cleanup;
        this.active = active;
        this.registry = registry;
        this.accepted = registry.counter("lfp.uploads.accepted");
        this.bytesStored = registry.counter("lfp.uploads.bytes.stored");
        this.failed = registry.counter("lfp.uploads.failed");
    }

    /**
     * Stores one uploaded file. Blocking: reads the body stream and calls S3, the database and Kafka
     * synchronously, so it must run on a worker thread.
     *
     * @param body the file; a gzip stream is recognised by its magic bytes and stored decompressed,
     *        because the ingest-worker reads byte ranges of the object
     * @param filename the name the client gave
     * @param declaredLength the body's Content-Length (or the spooled part's size), -1 when unknown
     * @param uploadedBy the principal who sends it
     */
    public Upload store(InputStream body, String filename, long declaredLength, String uploadedBy) {
        try {
            if (declaredLength > config.maxSizeBytes()) {
                // refused before reading a byte (for gzip this is the compressed size: if even that is over
                // the limit, the decompressed file will be too)
                throw new FileTooLargeException(config.maxSizeBytes());
            }
            return doStore(body, FileNames.baseName(filename), uploadedBy);
        } catch (DomainException e) {
            // a failure of ours (S3, Kafka) counts as failed; a refused file by its reason
            if (e instanceof UploadFailedException) {
                failed.increment();
            } else {
                registry.counter("lfp.uploads.rejected", "reason", e.error()).increment();
            }
            throw e;
        }
    }

    private Upload doStore(InputStream body, String filename, String uploadedBy) {
        UUID id = UUID.randomUUID();
        byte[] buffer = new byte[config.partSizeBytes()];
        ChunkPlanner planner = ChunkPlanner.of(config);
        PlanningInputStream in;
        int firstLength;
        try {
            PushbackInputStream peek = new PushbackInputStream(body, 2);
            boolean gzip = startsWithGzipMagic(peek);
            // the planner sees the bytes as stored, i.e. decompressed, and the limit counts them; a gzip file
            // has its own, usually lower, limit, so a small body cannot expand into the full size limit
            in = gzip && config.maxDecompressedBytes() < config.maxSizeBytes()
                    ? new PlanningInputStream(new GZIPInputStream(peek, GZIP_BUFFER), planner,
                            config.maxDecompressedBytes(),
                            () -> new DecompressedTooLargeException(config.maxDecompressedBytes()))
                    : new PlanningInputStream(gzip ? new GZIPInputStream(peek, GZIP_BUFFER) : peek, planner,
                            config.maxSizeBytes());
            if (gzip) {
                filename = FileNames.withoutGzipSuffix(filename);
            }
            firstLength = S3ObjectWriter.readFully(in, buffer);
        } catch (ZipException e) {
            throw new InvalidGzipException(e);
        } catch (IOException e) {
            throw new UploadFailedException("Could not read the upload: " + e.getMessage(), e);
        }
        // binary first: a file of NUL bytes would otherwise be reported as a wrong header
        TextCheck.check(buffer, firstLength);
        CsvHeaderCheck.check(buffer, firstLength);
        if (firstLength < buffer.length && planner.finish().chunks().isEmpty()) {
            // the whole file is in the buffer: refuse it before anything is stored
            throw new NoDataRowsException();
        }

        String bucket = buckets.bucket();
        String key = "uploads/" + id + "/" + FileNames.sanitized(filename);
        Upload upload;
        try {
            retry.call("Checking bucket " + bucket, () -> {
                buckets.ensureBucket();
                return null;
            });
            // recorded first: its sequence goes into the chunks announced while the file streams in
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            String name = filename;
            AtomicBoolean tried = new AtomicBoolean();
            upload = retry.call("Recording upload " + id, () -> {
                // an insert whose answer was lost may have committed: a repeated try looks first
                Optional<Upload> earlier = tried.getAndSet(true) ? uploads.findById(id).await().atMost(DB_TIMEOUT)
                        : Optional.empty();
                return earlier.orElseGet(() -> uploads.insert(id, name, bucket, key, 0, now, 0, 0, uploadedBy)
                        .await().atMost(DB_TIMEOUT));
            });
        } catch (RuntimeException e) {
            Log.errorf("Upload %s (%s) not recorded: %s", id, filename, e.toString());
            throw new UploadFailedException("Could not record the upload: " + e.getMessage(), e);
        }

        UploadEventService.ChunkStream chunks = announcer.stream(upload, buffer.length);
        long size = 0;
        active.started(id); // kept fresh while it streams in: only an upload whose instance died is swept
        try {
            size = objects.write(bucket, key, buffer, firstLength, in,
                    stored -> chunks.storedUpTo(planner.chunksSoFar(), stored));
            FilePlan plan = planner.finish();
            if (plan.chunks().isEmpty()) {
                // a safety net: a file larger than one part always has records after a valid header
                throw new NoDataRowsException();
            }
            long storedSize = size;
            upload = retry.call("Recording the totals of upload " + id,
                    () -> uploads.recordStreamed(id, storedSize, plan.chunks().size(), plan.recordsTotal())
                            .await().atMost(DB_TIMEOUT))
                    .orElseThrow(() -> new IllegalStateException("the upload's row is gone"));
            // recorded before the seal goes out: from here a stop is the ingest-worker's sweeper's to end (it
            // ends a job whose seal never came), never this service's, which would abort a job that may be merging
            retry.call("Recording the seal of upload " + id, () -> uploads.markSealed(id).await().atMost(DB_TIMEOUT));
            chunks.finish(plan);
            accepted.increment();
            bytesStored.increment(size);
            Log.infof("Upload %s queued: %s, %d bytes, %d records in %d chunks, seq %d, s3://%s/%s", id, filename,
                    size, plan.recordsTotal(), plan.chunks().size(), upload.seq(), bucket, key);
            return upload;
        } catch (ZipException e) {
            throw abort(upload, chunks, in.count(), new InvalidGzipException(e));
        } catch (DomainException e) {
            // too large midway (decompressed too large for gzip), or no data rows
            throw abort(upload, chunks, in.count(), e);
        } catch (IOException | RuntimeException e) {
            throw abort(upload, chunks, in.count(),
                    new UploadFailedException("Could not store the file: " + e.getMessage(), e));
        } finally {
            active.ended(id);
        }
    }

    /**
     * An upload that stopped midway is refused as a whole: the chunks already announced are called off
     * (the ingest-worker drops what it staged, nothing reaches products), the stored parts are deleted
     * and the row goes, as if it never came; what cannot be done now because a server is down is done
     * in the background once it is back ({@link AbortedUploadCleanup}).
     *
     * @param bytesRead the file's bytes read so far: every part that may have been stored
     */
    private DomainException abort(Upload upload, UploadEventService.ChunkStream chunks, long bytesRead,
            DomainException cause) {
        Log.infof("Upload %s (%s) stopped after %d chunks were announced: %s", upload.id(), upload.filename(),
                chunks.announced(), cause.getMessage());
        cleanup.cleanUp(upload, S3ObjectWriter.partsOf(bytesRead, config.partSizeBytes()), cause.getMessage());
        return cause;
    }

    public Uni<Upload> get(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(new UploadNotFoundException(id));
        }
        return uploads.findById(uuid)
                .map(found -> found.orElseThrow(() -> new UploadNotFoundException(id)));
    }

    public Uni<List<Upload>> list(int limit) {
        return uploads.listNewestFirst(Math.max(1, Math.min(limit, config.maxListLimit())));
    }

    private static boolean startsWithGzipMagic(PushbackInputStream in) throws IOException {
        byte[] magic = new byte[2];
        int n = in.readNBytes(magic, 0, 2);
        if (n > 0) {
            in.unread(magic, 0, n);
        }
        return n == 2 && (magic[0] & 0xFF) == 0x1F && (magic[1] & 0xFF) == 0x8B;
    }
}
