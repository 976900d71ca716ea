package io.lfp.ingest.service;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.lfp.ingest.config.ProductEditConfig;
import io.lfp.ingest.domain.ProductChange;
import io.lfp.ingest.messaging.ProductChangedPublisher;
import io.lfp.ingest.repository.ProductChangeOutboxRepository;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Publishes product_edit_outbox rows as ProductChanged events: right after an edit commits
 * ({@link #drainSoon()}), and from a periodic sweep that picks up rows an instance left unsent when
 * it crashed between its commit and Kafka's acknowledgement.
 *
 * <p>
 * One relay transaction: the advisory lock (instances publish one after another), the oldest unsent
 * rows, each sent and acknowledged in id order, then marked sent, commit. A failure rolls back and the
 * rows stay unsent for the next round; a crash after the acknowledgement but before the commit sends
 * them again (consumers recount, so a repeat is harmless). Within an instance, at most one drain runs;
 * requests during a drain make it go round once more.
 */
@ApplicationScoped
public class ProductChangeOutboxService {

    private static final Duration PURGE_INTERVAL = Duration.ofMinutes(10);

    private final Pool pool;
    private final ProductChangeOutboxRepository outbox;
    private final ProductChangedPublisher publisher;
    private final ProductEditConfig config;
    private final Vertx vertx;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile boolean failing;
    private volatile long lastPurgeNanos = System.nanoTime();
    private long timerId = -1;

    public ProductChangeOutboxService(Pool pool, ProductChangeOutboxRepository outbox, ProductChangedPublisher publisher,
            ProductEditConfig config, Vertx vertx) {
        this.pool = pool;
        this.outbox = outbox;
        this.publisher = publisher;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        // Also sends what a previous run of any instance left unsent.
        drainSoon();
        timerId = vertx.setPeriodic(Math.max(1, config.outboxSweepInterval().toMillis()), id -> sweep());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /** Publishes every unsent edit soon, without waiting; called after an edit committed. */
    public void drainSoon() {
        requested.set(true);
        if (running.compareAndSet(false, true)) {
            drain();
        }
    }

    private void sweep() {
        drainSoon();
        if (System.nanoTime() - lastPurgeNanos > PURGE_INTERVAL.toNanos()) {
            lastPurgeNanos = System.nanoTime();
            outbox.purgeSent(config.outboxRetention()).subscribe().with(
                    n -> {
                        if (n > 0) {
                            Log.infof("Deleted %d product_edit_outbox rows sent more than %s ago", n,
                                    config.outboxRetention());
                        }
                    },
                    e -> Log.warnf("Could not purge product_edit_outbox: %s", e.toString()));
        }
    }

    private void drain() {
        requested.set(false);
        drainAll().subscribe().with(sent -> {
            if (failing) {
                failing = false;
                Log.info("Publishing product changes works again");
            }
            done();
        }, failure -> {
            if (!failing) {
                failing = true;
                Log.warnf("Publishing product changes failed, the rows stay unsent and are retried every %s: %s",
                        config.outboxSweepInterval(), failure.toString());
            }
            done();
        });
    }

    private void done() {
        running.set(false);
        // A request that arrived while the last round was finishing must not wait for the next sweep.
        if (requested.get() && running.compareAndSet(false, true)) {
            drain();
        }
    }

    /** Batches until one comes back short; yields the number of events sent. */
    private Uni<Long> drainAll() {
        int limit = Math.max(1, config.outboxBatchSize());
        return Multi.createBy().repeating().uni(this::drainBatch)
                .whilst(sent -> sent == limit)
                .collect().with(java.util.stream.Collectors.summingLong(Integer::longValue));
    }

    private Uni<Integer> drainBatch() {
        int limit = Math.max(1, config.outboxBatchSize());
        return pool.withTransaction(tx -> outbox.lockRelay(tx, config.outboxLockKey())
                .chain(() -> outbox.unsent(tx, limit))
                .chain(changes -> changes.isEmpty() ? Uni.createFrom().item(0)
                        : sendInOrder(changes).chain(() -> outbox.markSent(tx, changes)).replaceWith(changes.size())));
    }

    /** One at a time, each acknowledged before the next is sent: one product's changes never overtake each other. */
    private Uni<Void> sendInOrder(List<ProductChange> changes) {
        return Multi.createFrom().iterable(changes)
                .onItem().transformToUniAndConcatenate(change -> publisher.send(change.toEvent())
                        .ifNoItem().after(config.publishTimeout()).fail()
                        .invoke(() -> Log.debugf("Announced product %s %s (outbox %d)", change.sku(), change.change(),
                                change.id())))
                .onItem().ignoreAsUni();
    }
}
