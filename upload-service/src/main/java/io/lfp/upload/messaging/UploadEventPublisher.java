package io.lfp.upload.messaging;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.lfp.events.ChunkReady;
import io.lfp.events.FileUploaded;
import io.lfp.events.Topics;
import io.lfp.upload.config.UploadConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Announces planned uploads: {@value Topics#FILE_UPLOADED} keyed by upload id, then one
 * {@value Topics#INGEST_CHUNKS} record per chunk keyed by {@code uploadId:chunkIndex}.
 */
@ApplicationScoped
public class UploadEventPublisher {

    private final MutinyEmitter<FileUploaded> uploaded;
    private final MutinyEmitter<ChunkReady> chunks;
    private final Duration timeout;

    /**
     * The chunk emitter buffers without bound: all chunks of a file are handed over at once (a 10 GiB
     * file at 8 MiB is 1,280 small records), and the list of plans is already in memory anyway.
     */
    public UploadEventPublisher(@Channel(Topics.FILE_UPLOADED) MutinyEmitter<FileUploaded> uploaded,
            @Channel(Topics.INGEST_CHUNKS) @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) MutinyEmitter<ChunkReady> chunks,
            UploadConfig config) {
        this.uploaded = uploaded;
        this.chunks = chunks;
        this.timeout = Duration.ofSeconds(config.publishTimeoutSeconds());
    }

    /**
     * Sends FileUploaded and waits for its ack, then sends every chunk and waits until Kafka
     * acknowledged them all: the client is told "queued" only when the workers are sure to get
     * every chunk. The chunks are all in flight together (the producer batches them), not awaited
     * one by one. Called from a worker thread.
     */
    public void announceAndAwait(FileUploaded event, List<ChunkReady> chunkEvents) {
        uploaded.sendMessage(keyed(event, event.uploadId())).await().atMost(timeout);
        List<Uni<Void>> sends = chunkEvents.stream().map(c -> chunks.sendMessage(keyed(c, c.kafkaKey()))).toList();
        if (!sends.isEmpty()) {
            Uni.join().all(sends).andFailFast().await().atMost(timeout);
        }
    }

    private static <T> Message<T> keyed(T payload, String key) {
        return Message.of(payload).addMetadata(OutgoingKafkaRecordMetadata.<String> builder().withKey(key).build());
    }
}
