package io.lfp.ingest.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.lfp.events.ProductChanged;
import io.lfp.events.Topics;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;

/** Publishes single-product edits on {@value Topics#PRODUCT_CHANGED}, keyed by sku so one product's changes stay in order. */
@ApplicationScoped
public class ProductChangedPublisher {

    private final MutinyEmitter<Record<String, ProductChanged>> emitter;

    public ProductChangedPublisher(@Channel(Topics.PRODUCT_CHANGED) MutinyEmitter<Record<String, ProductChanged>> emitter) {
        this.emitter = emitter;
    }

    /** Sends when subscribed; completes once Kafka acknowledged the record, fails if it did not. */
    public Uni<Void> send(ProductChanged event) {
        return emitter.send(Record.of(event.sku(), event));
    }
}
