package io.lfp.upload.service;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.lfp.events.ChunkReady;
import io.quarkus.logging.Log;
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

    /** Told, on the thread that writes, how many bytes of the file are stored in S3 so far. */
    @FunctionalInterface
    public interface StoredListener {
        void storedUpTo(long bytes);
    }

    private final S3Client s3;
    private final OutageRetry retry;
    // Sends parts while the request thread reads the next one; threads are created on demand.
    private final ExecutorService partSenders = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "s3-part-sender");
        t.setDaemon(true);
        return t;
    });

    public S3ObjectWriter(S3Client s3, OutageRetry retry) {
        this.s3 = s3;
        this.retry = retry;
    }

    @PreDestroy
    void stop() {
        partSenders.shutdownNow();
    }

    /**
     * @param key the file's key; its parts are {@code <key>.part-00001}, … of {@code buffer.length} bytes
     * @param buffer the part buffer; its first {@code firstLength} bytes are the file's start, already read
     * @param rest the rest of the file
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

    /**
     * Best effort: the original failure is what the caller must see.
     *
     * @return true when every part is gone (deleting a missing object succeeds), false when S3 refused one
     */
    public boolean deleteParts(String bucket, String key, int parts) {
        boolean all = true;
        for (int part = 1; part <= parts; part++) {
            String partKey = ChunkReady.partKey(key, part);
            try {
                s3.deleteObject(b -> b.bucket(bucket).key(partKey));
            } catch (RuntimeException e) {
                all = false;
                Log.warnf("Could not delete s3://%s/%s: %s", bucket, partKey, e.getMessage());
            }
        }
        return all;
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
     * PUTs one part, again while S3 is unreachable or failing on its side, for up to lfp.upload.outage-tolerance
     * ({@link OutageRetry}): a part PUT is idempotent. Meanwhile the client waits (nothing more of the body is
     * read: the other buffer is full), and a pooled connection the store closed while idle ("Unexpected end
     * of file from server", seen with s3proxy) costs one quick retry, not the upload.
     */
    private int sendPart(String bucket, String partKey, byte[] bytes, int length) {
        return retry.call("Storing s3://" + bucket + "/" + partKey, () -> {
            s3.putObject(b -> b.bucket(bucket).key(partKey).contentType(CONTENT_TYPE).contentLength((long) length),
                    body(bytes, length));
            return length;
        });
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
