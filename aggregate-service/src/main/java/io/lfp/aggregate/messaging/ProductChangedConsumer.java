package io.lfp.aggregate.messaging;

import java.time.Duration;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.lfp.aggregate.service.CountChangeApplier;
import io.lfp.events.ProductChanged;
import io.lfp.events.Topics;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Adds a single-product edit's count change (-1 for its old name, +1 for its new one) and announces
 * the totals, also for a description-only change, so the dashboard refreshes.
 */
@ApplicationScoped
public class ProductChangedConsumer {

    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private final CountChangeApplier applier;
    private final AggregatesChangedPublisher publisher;

    public ProductChangedConsumer(CountChangeApplier applier, AggregatesChangedPublisher publisher) {
        this.applier = applier;
        this.publisher = publisher;
    }

    /**
     * Acknowledged only after Kafka acknowledged the AggregatesChanged (uploadId null); a redelivery, or
     * the outbox sending the edit again, adds nothing (the edit id is recorded as applied) and announces
     * again. Failures are retried with back-off, never skipped.
     */
    @Incoming(Topics.PRODUCT_CHANGED)
    public Uni<Void> onProductChanged(ProductChanged event) {
        if (event == null || event.sku() == null || event.editId() <= 0
                || (event.oldName() == null && event.newName() == null)) {
            Log.warnf("Skipped a product-changed record that is not a valid ProductChanged (v%d): %s",
                    ProductChanged.VERSION, event);
            return Uni.createFrom().voidItem();
        }
        return applier.applyEdit(event)
                .chain(applied -> publisher.publish(null, applied))
                .onFailure().invoke(e -> Log.warnf("Counts after product %s %s failed, will retry: %s", event.sku(),
                        event.change(), e.toString()))
                .onFailure().retry().withBackOff(FIRST_RETRY, MAX_RETRY).indefinitely();
    }
}
