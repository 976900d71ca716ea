package io.lfp.aggregate.service;

import io.lfp.aggregate.config.AggregateConfig;
import io.lfp.aggregate.domain.Reconciled;
import io.lfp.aggregate.repository.ProductCountRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/** Brings product_counts back to {@code SELECT name, count(*) FROM products GROUP BY name}. */
@ApplicationScoped
@Startup // created eagerly so its timer is on /q/metrics (count 0) before the first job ends
public class CountReconciler {

    private final Pool pool;
    private final ProductCountRepository repository;
    private final AggregateConfig config;
    private final Timer timer;

    public CountReconciler(Pool pool, ProductCountRepository repository, AggregateConfig config,
            MeterRegistry registry) {
        this.pool = pool;
        this.repository = repository;
        this.config = config;
        this.timer = Timer.builder("lfp.aggregate.reconcile")
                .description("Time of one product_counts reconcile transaction, lock wait included")
                .register(registry);
    }

    /**
     * Recomputes in one transaction under the advisory lock: readers never see a half-done
     * reconcile, and two reconciles never interleave (which could leave a stale count behind).
     *
     * @param uploadId the upload whose end triggered it, for the log
     */
    public Uni<Reconciled> reconcile(String uploadId) {
        Timer.Sample sample = Timer.start();
        return pool.withTransaction(conn -> repository.lockReconcile(conn, config.reconcileLockKey())
                .chain(() -> repository.recompute(conn)))
                .invoke(r -> {
                    long nanos = sample.stop(timer);
                    Log.infof("Reconciled product_counts after upload %s: %d products, %d names (%d updated, %d deleted) in %d ms",
                            uploadId, r.products(), r.names(), r.namesUpdated(), r.namesDeleted(), nanos / 1_000_000);
                });
    }
}
