package io.lfp.upload.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.lfp.events.DeadLetterException;
import io.lfp.events.EventChecks;
import io.lfp.events.IngestRequested;
import io.lfp.events.Topics;
import io.lfp.upload.config.UploadConfig;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * What an ingest-requested event may name before anything is recorded: the configured bucket, a key under
 * an allowed prefix (lfp.upload.ingest-requested.*), an object no larger than the limit. A refused request
 * throws {@link DeadLetterException} (its reason names the rule, never the object's contents) and is
 * dead-lettered; a missing object is not refused here: the upload records "Object not found" as before.
 */
@ApplicationScoped
public class IngestRequestValidator {

    /** S3's own limit on a key's length. */
    static final int MAX_KEY_LENGTH = 1024;

    private final S3Client s3;
    private final UploadConfig config;

    public IngestRequestValidator(S3Client s3, UploadConfig config) {
        this.s3 = s3;
        this.config = config;
    }

    /** Blocking (one HEAD request): call from a worker thread. */
    public IngestRequested check(IngestRequested request) {
        check(request, config.bucket(), config.ingestRequested().allowedPrefixes());
        Long size;
        try {
            size = s3.headObject(b -> b.bucket(request.bucket()).key(request.key())).contentLength();
        } catch (NoSuchKeyException e) {
            return request;
        }
        checkSize(size, config.ingestRequested().maxSizeBytes());
        return request;
    }

    public static void check(IngestRequested r, String bucket, List<String> allowedPrefixes) {
        String topic = Topics.INGEST_REQUESTED;
        EventChecks.readable(r, topic);
        EventChecks.version(r.version(), IngestRequested.VERSION, IngestRequested.VERSION, topic);
        EventChecks.require(r.bucket() != null && !r.bucket().isBlank() && r.key() != null && !r.key().isBlank(),
                "a bucket and a key", topic);
        EventChecks.require(r.key().length() <= MAX_KEY_LENGTH, "a key of at most " + MAX_KEY_LENGTH + " characters",
                topic);
        if (!r.bucket().equals(bucket)) {
            throw new DeadLetterException(DeadLetterException.NOT_ALLOWED,
                    topic + ": names a bucket other than the configured one");
        }
        boolean allowed = !r.key().contains("..") && allowedPrefixes.stream()
                .anyMatch(prefix -> !prefix.isBlank() && r.key().startsWith(prefix));
        if (!allowed) {
            throw new DeadLetterException(DeadLetterException.NOT_ALLOWED,
                    topic + ": the key is outside the allowed prefixes " + allowedPrefixes);
        }
    }

    public static void checkSize(Long sizeBytes, long maxSizeBytes) {
        if (sizeBytes != null && sizeBytes > maxSizeBytes) {
            throw new DeadLetterException(DeadLetterException.OUT_OF_RANGE, Topics.INGEST_REQUESTED
                    + ": the object has " + sizeBytes + " bytes, more than the limit of " + maxSizeBytes);
        }
    }
}
