package io.lfp.aggregate.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.lfp.aggregate.service.CountChangeApplier;
import io.lfp.events.EventChecks;
import io.lfp.events.ProductChanged;
import io.lfp.events.Topics;
import io.lfp.messaging.EventGuard;
import io.smallrye.mutiny.Uni;

/**
 * Adds a single-product edit's count change (-1 for its old name, +1 for its new one) and announces
 * the totals, also for a description-only change, so the dashboard refreshes.
 */
@ApplicationScoped
public class ProductChangedConsumer {

    private final CountChangeApplier applier;
    private final AggregatesChangedPublisher publisher;
    private final EventGuard guard;

    public ProductChangedConsumer(CountChangeApplier applier, AggregatesChangedPublisher publisher, EventGuard guard) {
        this.applier = applier;
        this.publisher = publisher;
        this.guard = guard;
    }

    /**
     * Acknowledged only after Kafka acknowledged the AggregatesChanged (uploadId null); a redelivery, or
     * the outbox sending the edit again, adds nothing (the edit id is recorded as applied) and announces
     * again. An outage is waited out, never skipped; a record it may not act on (among them v1 records,
     * whose change cannot be added exactly once without an edit id) is dead-lettered ({@link EventGuard}).
     */
    @Incoming(Topics.PRODUCT_CHANGED)
    public Uni<Void> onProductChanged(ProductChanged event) {
        return guard.guard(Topics.PRODUCT_CHANGED, () -> applier.applyEdit(check(event))
                .chain(applied -> publisher.publish(null, applied)));
    }

    static ProductChanged check(ProductChanged event) {
        String topic = Topics.PRODUCT_CHANGED;
        EventChecks.readable(event, topic);
        EventChecks.version(event.version(), ProductChanged.VERSION, ProductChanged.VERSION, topic);
        EventChecks.require(event.sku() != null && !event.sku().isBlank(), "a sku", topic);
        EventChecks.require(event.editId() > 0, "editId > 0", topic);
        EventChecks.require(event.change() != null && switch (event.change()) {
            case ProductChanged.CREATED -> event.oldName() == null && event.newName() != null;
            case ProductChanged.UPDATED -> event.oldName() != null && event.newName() != null;
            case ProductChanged.DELETED -> event.oldName() != null && event.newName() == null;
            default -> false;
        }, "change CREATED (newName only), UPDATED (both names) or DELETED (oldName only)", topic);
        return event;
    }
}
