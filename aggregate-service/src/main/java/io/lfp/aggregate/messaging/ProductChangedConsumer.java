package io.lfp.aggregate.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.lfp.aggregate.service.NameRecounter;
import io.lfp.events.ProductChanged;
import io.lfp.events.Topics;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Recounts the names a single-product edit touched (its old and its new name) and announces the
 * result, also for a description-only change, so the dashboard refreshes.
 */
@ApplicationScoped
public class ProductChangedConsumer {

    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private final NameRecounter recounter;
    private final AggregatesChangedPublisher publisher;

    public ProductChangedConsumer(NameRecounter recounter, AggregatesChangedPublisher publisher) {
        this.recounter = recounter;
        this.publisher = publisher;
    }

    /**
     * Acknowledged only after Kafka acknowledged the AggregatesChanged (uploadId null); a redelivery
     * recounts again, which changes nothing and announces again. Failures are retried with back-off,
     * never skipped.
     */
    @Incoming(Topics.PRODUCT_CHANGED)
    public Uni<Void> onProductChanged(ProductChanged event) {
        if (event == null || event.sku() == null) {
            Log.warn("Skipped a product-changed record that is not a valid ProductChanged");
            return Uni.createFrom().voidItem();
        }
        List<String> names = Stream.of(event.oldName(), event.newName()).filter(Objects::nonNull).distinct().toList();
        return recounter.recount(event.sku(), names)
                .chain(recounted -> publisher.publish(null, recounted))
                .onFailure().invoke(e -> Log.warnf("Recount after product %s %s failed, will retry: %s", event.sku(),
                        event.change(), e.toString()))
                .onFailure().retry().withBackOff(FIRST_RETRY, MAX_RETRY).indefinitely();
    }
}
