package io.lfp.upload.messaging;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.lfp.events.ChunkReady;
import io.lfp.events.FileUploaded;
import io.lfp.events.RetryRequested;
import io.lfp.events.Topics;
import io.lfp.events.UploadAborted;
import io.lfp.upload.config.UploadConfig;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Announces uploads: one {@value Topics#INGEST_CHUNKS} record per chunk keyed by
 * {@code uploadId:chunkIndex} (while the file streams in, for an HTTP upload), then
 * {@value Topics#FILE_UPLOADED} keyed by upload id, or {@value Topics#UPLOAD_ABORTED} when it stopped midway;
 * and retries of failed uploads ({@value Topics#INGEST_RETRY_REQUESTED}, keyed by upload id).
 */
@ApplicationScoped
public class UploadEventPublisher {

    private final MutinyEmitter<FileUploaded> uploaded;
    private final MutinyEmitter<ChunkReady> chunks;
    private final MutinyEmitter<UploadAborted> aborted;
    private final MutinyEmitter<RetryRequested> retries;
    private final Duration timeout;

    /**
     * The chunk emitter buffers without bound: all chunks of a file are handed over at once (a 10 GiB
     * file at 8 MiB is 1,280 small records), and the list of plans is already in memory anyway.
     */
    public UploadEventPublisher(@Channel(Topics.FILE_UPLOADED) MutinyEmitter<FileUploaded> uploaded,
            @Channel(Topics.INGEST_CHUNKS) @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) MutinyEmitter<ChunkReady> chunks,
            @Channel(Topics.UPLOAD_ABORTED) MutinyEmitter<UploadAborted> aborted,
            @Channel(Topics.INGEST_RETRY_REQUESTED) MutinyEmitter<RetryRequested> retries, UploadConfig config) {
        this.uploaded = uploaded;
        this.chunks = chunks;
        this.aborted = aborted;
        this.retries = retries;
        this.timeout = Duration.ofSeconds(config.publishTimeoutSeconds());
    }

    /**
     * Sends every chunk and waits until Kafka acknowledged them all, then sends FileUploaded and waits
     * for its ack: the client is told "queued" only when the workers are sure to get every chunk. The
     * chunks are all in flight together (the producer batches them), not awaited one by one. Called
     * from a worker thread.
     */
    public void announceAndAwait(FileUploaded event, List<ChunkReady> chunkEvents) {
        awaitAll(chunkEvents.stream().map(this::chunk).toList());
        uploadedAndWait(event);
    }

    /** Sends one chunk now; the returned stage completes when Kafka acknowledged it. */
    public CompletableFuture<Void> chunk(ChunkReady c) {
        return chunks.sendMessage(keyed(c, c.kafkaKey())).subscribeAsCompletionStage();
    }

    /** Waits until every send was acknowledged; throws if one failed or the time is up. */
    public void awaitAll(List<CompletableFuture<Void>> sends) {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the chunks within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while announcing chunks", e);
        }
    }

    public void uploadedAndWait(FileUploaded event) {
        uploaded.sendMessage(keyed(event, event.uploadId())).await().atMost(timeout);
    }

    /** With its own timeout: a cleanup tries quickly and tries again later. */
    public void abortedAndWait(UploadAborted event, Duration wait) {
        aborted.sendMessage(keyed(event, event.uploadId())).await().atMost(wait);
    }

    /** Waits until Kafka acknowledged the retry request (keyed by upload id). */
    public void retryAndWait(RetryRequested event) {
        retries.sendMessage(keyed(event, event.uploadId())).await().atMost(timeout);
    }

    private static <T> Message<T> keyed(T payload, String key) {
        return Message.of(payload).addMetadata(OutgoingKafkaRecordMetadata.<String> builder().withKey(key).build());
    }
}
