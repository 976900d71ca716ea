package io.lfp.upload.service;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import jakarta.annotation.PreDestroy;

import jakarta.enterprise.context.ApplicationScoped;

import io.lfp.events.ChunkReady;
import io.quarkus.logging.Log;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Streams a file of unknown length into S3 as consecutive part objects ({@link ChunkReady#partKey}),
 * holding two part buffers: while one part is being sent to S3, the next one is read from the client,
 * so neither side waits for the other. Unlike the parts of a multipart upload, each part can be read
 * as soon as it is stored, so ingestion starts while the file is still coming in. On failure every part
 * stored is deleted again.
 */
@ApplicationScoped
public class S3ObjectWriter {

    static final String CONTENT_TYPE = "text/csv";
    static final int PART_ATTEMPTS = 3;

    /** Told, on the thread that writes, how many bytes of the file are stored in S3 so far. */
    @FunctionalInterface
    public interface StoredListener {
        void storedUpTo(long bytes);
    }

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
     * @param key      the file's key; its parts are {@code <key>.part-00001}, … of {@code buffer.length} bytes
     * @param buffer   the part buffer; its first {@code firstLength} bytes are the file's start, already read
     * @param rest     the rest of the file
     * @param listener called after each part is stored
     * @return the file's size in bytes
     */
    public long write(String bucket, String key, byte[] buffer, int firstLength, InputStream rest,
            StoredListener listener) throws IOException {
        CompletableFuture<Integer> sending = null;
        int partsStarted = 0;
        try {
            byte[] current = buffer;
            byte[] spare = new byte[buffer.length];
            long stored = 0;
            long total = 0;
            int length = firstLength;
            while (length > 0) {
                partsStarted++;
                String partKey = ChunkReady.partKey(key, partsStarted);
                byte[] partBytes = current;
                int partLength = length;
                CompletableFuture<Integer> next = CompletableFuture.supplyAsync(
                        () -> sendPart(bucket, partKey, partBytes, partLength), partSenders);
                if (sending != null) {
                    stored += await(sending); // its buffer is the spare one, read into next
                    listener.storedUpTo(stored);
                }
                sending = next;
                total += length;
                byte[] free = spare;
                spare = current;
                current = free;
                length = readFully(rest, current);
            }
            if (sending != null) {
                stored += await(sending);
                sending = null;
                listener.storedUpTo(stored);
            }
            return total;
        } catch (IOException | RuntimeException e) {
            if (sending != null) {
                sending.handle((part, failure) -> null).join(); // let it end before cleaning up
            }
            deleteParts(bucket, key, partsStarted);
            throw e;
        }
    }

    /** Best effort: the original failure is what the caller must see. */
    public void deleteParts(String bucket, String key, int parts) {
        for (int part = 1; part <= parts; part++) {
            String partKey = ChunkReady.partKey(key, part);
            try {
                s3.deleteObject(b -> b.bucket(bucket).key(partKey));
            } catch (RuntimeException e) {
                Log.warnf("Could not delete s3://%s/%s: %s", bucket, partKey, e.getMessage());
            }
        }
    }

    /**
     * Deletes every part object of the file {@code key}, found by listing: the number of parts of an upload
     * cut off midway is not recorded anywhere. Throws when S3 fails (the caller tries again later).
     *
     * @return the number of part objects deleted
     */
    public int deleteAllParts(String bucket, String key) {
        String prefix = key + ".part-"; // ChunkReady.partKey
        int deleted = 0;
        // listed again after each round of deletes: a listing is not to be paged through while it changes
        for (List<String> keys = partKeys(bucket, prefix); !keys.isEmpty(); keys = partKeys(bucket, prefix)) {
            for (String partKey : keys) {
                s3.deleteObject(b -> b.bucket(bucket).key(partKey));
                deleted++;
            }
        }
        return deleted;
    }

    private List<String> partKeys(String bucket, String prefix) {
        return s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix)).contents().stream().map(o -> o.key()).toList();
    }

    /** The number of parts a file of {@code size} bytes was stored in. */
    public static int partsOf(long size, int partSize) {
        return (int) ((size + partSize - 1) / partSize);
    }

    /**
     * PUTs one part, up to {@link #PART_ATTEMPTS} times: a part PUT is idempotent, and a pooled
     * connection the store closed while idle fails the first try with "Unexpected end of file from
     * server" (seen with s3proxy), which must not cost the user the whole upload.
     */
    private int sendPart(String bucket, String partKey, byte[] bytes, int length) {
        for (int attempt = 1;; attempt++) {
            try {
                s3.putObject(b -> b.bucket(bucket).key(partKey).contentType(CONTENT_TYPE)
                        .contentLength((long) length), body(bytes, length));
                return length;
            } catch (SdkException | UncheckedIOException e) {
                if (attempt >= PART_ATTEMPTS) {
                    throw e;
                }
                Log.warnf("Storing s3://%s/%s failed (attempt %d of %d), retrying: %s", bucket, partKey, attempt,
                        PART_ATTEMPTS, e.toString());
                try {
                    Thread.sleep(100L * attempt);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static int await(CompletableFuture<Integer> part) {
        try {
            return part.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
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
