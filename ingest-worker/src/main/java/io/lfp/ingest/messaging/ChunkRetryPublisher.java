package io.lfp.ingest.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.lfp.events.ChunkReady;
import io.lfp.ingest.config.IngestConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;

/**
 * Announces a retried job's chunks on the ingest-chunks topic, keyed {@code uploadId:chunkIndex} like
 * upload-service does, so any worker takes them. The channel has its own name ({@value #CHANNEL}): this
 * service already consumes a channel named after the topic.
 */
@ApplicationScoped
public class ChunkRetryPublisher {

    static final String CHANNEL = "ingest-chunks-retry";

    private final MutinyEmitter<Record<String, ChunkReady>> emitter;
    private final IngestConfig config;

    /** Buffers without bound: a retry announces at most the file's chunks, small records already in memory. */
    public ChunkRetryPublisher(
            @Channel(CHANNEL) @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) MutinyEmitter<Record<String, ChunkReady>> emitter,
            IngestConfig config) {
        this.emitter = emitter;
        this.config = config;
    }

    /** Sends every chunk at once and waits until Kafka acknowledged them all (or fails). Blocking. */
    public void announceAndWait(List<ChunkReady> chunks) {
        Uni.join().all(chunks.stream().map(c -> emitter.send(Record.of(c.kafkaKey(), c))).toList()).andFailFast()
                .await().atMost(config.publishTimeout());
    }
}
