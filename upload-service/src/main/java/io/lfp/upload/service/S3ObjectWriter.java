package io.lfp.upload.service;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import jakarta.annotation.PreDestroy;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Streams a file of unknown length into S3: a single PUT when the file fits in the first buffer, a
 * multipart upload otherwise (aborted on any failure, so no half-written object or orphan parts are
 * left). Two part buffers per upload: while one part is being sent to S3, the next one is read from
 * the client, so neither side waits for the other.
 */
@ApplicationScoped
public class S3ObjectWriter {

    static final String CONTENT_TYPE = "text/csv";

    private final S3Client s3;
    // Sends parts while the request thread reads the next one; threads are created on demand.
    private final ExecutorService partSenders = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "s3-part-sender");
        t.setDaemon(true);
        return t;
    });

    public S3ObjectWriter(S3Client s3) {
        this.s3 = s3;
    }

    @PreDestroy
    void stop() {
        partSenders.shutdownNow();
    }

    /**
     * @param buffer   the part buffer; its first {@code firstLength} bytes are the file's start, already read
     * @param rest     the rest of the file
     * @return the object's size in bytes
     */
    public long write(String bucket, String key, byte[] buffer, int firstLength, InputStream rest) throws IOException {
        if (firstLength < buffer.length) {
            // the first read hit the end of the stream: the whole file is in the buffer
            s3.putObject(b -> b.bucket(bucket).key(key).contentType(CONTENT_TYPE).contentLength((long) firstLength),
                    body(buffer, firstLength));
            return firstLength;
        }
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(CONTENT_TYPE)).uploadId();
        CompletableFuture<CompletedPart> sending = null;
        try {
            List<CompletedPart> parts = new ArrayList<>();
            byte[] current = buffer;
            byte[] spare = new byte[buffer.length];
            long total = 0;
            int length = firstLength;
            while (length > 0) {
                int partNumber = parts.size() + (sending == null ? 1 : 2);
                byte[] partBytes = current;
                int partLength = length;
                CompletableFuture<CompletedPart> next = CompletableFuture.supplyAsync(
                        () -> sendPart(bucket, key, uploadId, partNumber, partBytes, partLength), partSenders);
                if (sending != null) {
                    parts.add(await(sending)); // its buffer is the spare one, read into next
                }
                sending = next;
                total += length;
                byte[] free = spare;
                spare = current;
                current = free;
                length = readFully(rest, current);
            }
            parts.add(await(sending));
            sending = null;
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
            return total;
        } catch (IOException | RuntimeException e) {
            if (sending != null) {
                sending.handle((part, failure) -> null).join(); // let it end before aborting the upload
            }
            abort(bucket, key, uploadId, e);
            throw e;
        }
    }

    private CompletedPart sendPart(String bucket, String key, String uploadId, int partNumber, byte[] bytes,
            int length) {
        String eTag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber)
                .contentLength((long) length), body(bytes, length)).eTag();
        return CompletedPart.builder().partNumber(partNumber).eTag(eTag).build();
    }

    private static CompletedPart await(CompletableFuture<CompletedPart> part) {
        try {
            return part.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Best effort: the original failure is what the caller must see. */
    public void delete(String bucket, String key) {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (RuntimeException e) {
            Log.warnf("Could not delete s3://%s/%s: %s", bucket, key, e.getMessage());
        }
    }

    private void abort(String bucket, String key, String uploadId, Exception cause) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
            Log.warnf("Aborted multipart upload of s3://%s/%s: %s", bucket, key, cause.toString());
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /** A body over the buffer without copying it; the provider can re-read it if the SDK retries. */
    private static RequestBody body(byte[] buffer, int length) {
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length), length, CONTENT_TYPE);
    }

    /** Reads until the buffer is full or the stream ends; returns the number of bytes read (0 at the end). */
    public static int readFully(InputStream in, byte[] buffer) throws IOException {
        int filled = 0;
        while (filled < buffer.length) {
            int n = in.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                break;
            }
            filled += n;
        }
        return filled;
    }
}
