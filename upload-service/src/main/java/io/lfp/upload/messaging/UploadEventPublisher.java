package io.lfp.upload.messaging;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.lfp.events.FileUploaded;
import io.lfp.events.Topics;
import io.lfp.upload.config.UploadConfig;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Announces stored uploads on {@value Topics#FILE_UPLOADED}, keyed by upload id. */
@ApplicationScoped
public class UploadEventPublisher {

    private final MutinyEmitter<FileUploaded> emitter;
    private final Duration timeout;

    public UploadEventPublisher(@Channel(Topics.FILE_UPLOADED) MutinyEmitter<FileUploaded> emitter,
            UploadConfig config) {
        this.emitter = emitter;
        this.timeout = Duration.ofSeconds(config.publishTimeoutSeconds());
    }

    /**
     * Sends and waits until Kafka acknowledged the record: the client is told "queued" only when the
     * ingest-worker is sure to hear of the upload. Called from a worker thread.
     */
    public void publishAndAwait(FileUploaded event) {
        Message<FileUploaded> message = Message.of(event)
                .addMetadata(OutgoingKafkaRecordMetadata.<String> builder().withKey(event.uploadId()).build());
        emitter.sendMessage(message).await().atMost(timeout);
    }
}
