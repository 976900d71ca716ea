package io.lfp.aggregate.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.lfp.aggregate.domain.CountsApplied;
import io.lfp.events.AggregatesChanged;
import io.lfp.events.Topics;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Announces on {@value Topics#AGGREGATES_CHANGED} that product_counts is exact again. */
@ApplicationScoped
public class AggregatesChangedPublisher {

    private final MutinyEmitter<AggregatesChanged> emitter;

    public AggregatesChangedPublisher(@Channel(Topics.AGGREGATES_CHANGED) MutinyEmitter<AggregatesChanged> emitter) {
        this.emitter = emitter;
    }

    /** Completes once Kafka acknowledged the record (key = upload id), fails if it did not. */
    public Uni<Void> publish(String uploadId, CountsApplied counts) {
        AggregatesChanged event = new AggregatesChanged(AggregatesChanged.VERSION, uploadId,
                counts.products(), counts.names(), counts.changedAt());
        return emitter.sendMessage(Message.of(event)
                .addMetadata(OutgoingKafkaRecordMetadata.<String> builder().withKey(uploadId).build()));
    }
}
