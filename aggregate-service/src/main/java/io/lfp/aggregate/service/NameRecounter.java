package io.lfp.aggregate.service;

import java.util.List;

import io.lfp.aggregate.config.AggregateConfig;
import io.lfp.aggregate.domain.Reconciled;
import io.lfp.aggregate.repository.NameCountRepository;
import io.lfp.aggregate.repository.ProductCountRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Brings the counts of a few names back to {@code SELECT count(*) FROM products WHERE name = …} after a
 * single-product edit, instead of a full reconcile. Exact and naturally idempotent: a recount after the
 * edit committed gives the same rows however often it runs.
 */
@ApplicationScoped
@Startup // created eagerly so its timer is on /q/metrics (count 0) before the first edit
public class NameRecounter {

    private final Pool pool;
    private final ProductCountRepository counts;
    private final NameCountRepository names;
    private final AggregateConfig config;
    private final Timer timer;

    public NameRecounter(Pool pool, ProductCountRepository counts, NameCountRepository names, AggregateConfig config,
            MeterRegistry registry) {
        this.pool = pool;
        this.counts = counts;
        this.names = names;
        this.config = config;
        this.timer = Timer.builder("lfp.aggregate.recount")
                .description("Time of one transaction recounting the names of a single-product edit, lock wait included")
                .register(registry);
    }

    /**
     * Recounts {@code nameList} in one transaction under the reconcile lock, so it never interleaves with a
     * job's full reconcile (or another recount) of any instance.
     *
     * @param sku      the edited product, for the log
     * @param nameList the names before and after the edit (distinct, non-null)
     */
    public Uni<Reconciled> recount(String sku, List<String> nameList) {
        // One order for every transaction: two recounts of the same names never wait on each other's rows.
        List<String> sorted = nameList.stream().sorted().toList();
        Timer.Sample sample = Timer.start();
        return pool.withTransaction(conn -> counts.lockReconcile(conn, config.reconcileLockKey())
                .chain(() -> names.recount(conn, sorted)))
                .invoke(r -> {
                    long nanos = sample.stop(timer);
                    Log.infof("Recounted %s after product %s changed: %d products, %d names (%d updated, %d deleted) in %d ms",
                            sorted, sku, r.products(), r.names(), r.namesUpdated(), r.namesDeleted(), nanos / 1_000_000);
                });
    }
}
