package io.lfp.aggregate.service;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.lfp.aggregate.config.AggregateConfig;
import io.lfp.aggregate.domain.CountsApplied;
import io.lfp.aggregate.domain.UploadCountParts;
import io.lfp.aggregate.repository.CountChangeRepository;
import io.lfp.aggregate.repository.ProductCountRepository;
import io.lfp.events.ProductChanged;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Keeps product_counts equal to {@code SELECT name, count(*) FROM products GROUP BY name} by adding
 * the exact change of every product write: an upload's merges record theirs in name_count_deltas
 * (ingest-worker), a single-product edit carries its old and new name. Every write of products is
 * one of the two, so the sum of all changes is the count. Each source is added once, in one
 * transaction under the counts lock together with the record that it was added; an upload's changes
 * in a few such transactions, one per part of the names, run in parallel so that a large upload's names
 * use more than one core (docs/decisions/0010-count-deltas.md).
 */
@ApplicationScoped
@Startup // created eagerly so its timers are on /q/metrics (count 0) before the first change
public class CountChangeApplier {

    private final Pool pool;
    private final ProductCountRepository counts;
    private final CountChangeRepository changes;
    private final AggregateConfig config;
    private final Timer uploadTimer;
    private final Timer editTimer;

    public CountChangeApplier(Pool pool, ProductCountRepository counts, CountChangeRepository changes,
            AggregateConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.counts = counts;
        this.changes = changes;
        this.config = config;
        this.uploadTimer = Timer.builder("lfp.aggregate.upload.counts")
                .description("Time of one transaction adding an upload's count changes, lock wait included")
                .register(registry);
        this.editTimer = Timer.builder("lfp.aggregate.edit.counts")
                .description("Time of one transaction adding a single-product edit's count change, lock wait included")
                .register(registry);
    }

    /**
     * Adds the count changes of the upload's merges (its job has ended: all of them are committed), in
     * parallel parts on disjoint names ({@link UploadCountParts}); parts added before are skipped.
     */
    public Uni<CountsApplied> applyUpload(UUID uploadId) {
        Timer.Sample sample = Timer.start();
        return pool.withConnection(c -> changes.uploadSources(c, uploadId))
                .map(recorded -> UploadCountParts.of(uploadId, recorded, config.uploadCountParts()))
                .chain(parts -> addParts(parts).chain(added -> pool.withConnection(
                        c -> counts.totals(c, sum(added, 0), sum(added, 1), parts.allAdded()))))
                .invoke(r -> Log.infof("Counts after upload %s: %d products, %d names (%s) in %d ms", uploadId,
                        r.products(), r.names(), describe(r), sample.stop(uploadTimer) / 1_000_000));
    }

    /**
     * product_counts as it is, nothing added nor recorded: the answer to a FAILED job, which merged nothing
     * (all or nothing per upload) and may still merge after a retry, when its changes are added once.
     */
    public Uni<CountsApplied> totals() {
        return pool.withConnection(c -> counts.totals(c, 0, 0, true));
    }

    private Uni<List<long[]>> addParts(UploadCountParts parts) {
        if (parts.allAdded()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.join().all(parts.missing().stream().map(part -> addPart(parts, part)).toList()).andFailFast();
    }

    /** One part in its transaction: {names changed, names deleted}, zeros when another added it first. */
    private Uni<long[]> addPart(UploadCountParts parts, int part) {
        return pool.withTransaction(tx -> counts.lockUploadPart(tx, config.countsLockKey(), part)
                .chain(() -> changes.recordSource(tx, UploadCountParts.source(parts.uploadId(), part, parts.parts())))
                .chain(isNew -> !isNew ? Uni.createFrom().item(new long[2])
                        : changes.addUploadDeltas(tx, parts.uploadId(), part, parts.parts())));
    }

    private static long sum(List<long[]> added, int index) {
        return added.stream().mapToLong(a -> a[index]).sum();
    }

    /** Adds an edit's change: -1 for the name it had, +1 for the name it has (nothing when they are equal). */
    public Uni<CountsApplied> applyEdit(ProductChanged edit) {
        Timer.Sample sample = Timer.start();
        return inTransaction("edit " + edit.editId(), tx -> addEdit(tx, edit))
                .invoke(r -> Log.infof("Counts after product %s %s (edit %d): %d products, %d names (%s) in %d ms",
                        edit.sku(), edit.change(), edit.editId(), r.products(), r.names(), describe(r),
                        sample.stop(editTimer) / 1_000_000));
    }

    /** {names changed, names deleted}. */
    private Uni<long[]> addEdit(SqlConnection tx, ProductChanged edit) {
        long[] result = new long[2];
        if (edit.oldName() != null && edit.oldName().equals(edit.newName())) {
            return Uni.createFrom().item(result); // only the description changed
        }
        Uni<Void> removed = edit.oldName() == null ? Uni.createFrom().voidItem()
                : changes.addDelta(tx, edit.oldName(), -1).invoke(deleted -> count(result, deleted)).replaceWithVoid();
        return removed.chain(() -> edit.newName() == null ? Uni.createFrom().voidItem()
                : changes.addDelta(tx, edit.newName(), 1).invoke(deleted -> count(result, deleted)).replaceWithVoid())
                .replaceWith(result);
    }

    private static void count(long[] result, boolean deleted) {
        result[deleted ? 1 : 0]++;
    }

    private Uni<CountsApplied> inTransaction(String source, Function<SqlConnection, Uni<long[]>> add) {
        return pool.withTransaction(tx -> counts.lockCounts(tx, config.countsLockKey())
                .chain(() -> changes.recordSource(tx, source))
                .chain(isNew -> !isNew ? counts.totals(tx, 0, 0, true)
                        : add.apply(tx).chain(n -> counts.totals(tx, n[0], n[1], false))));
    }

    private static String describe(CountsApplied r) {
        return r.alreadyApplied() ? "added before, nothing changed"
                : r.namesChanged() + " names changed, " + r.namesDeleted() + " deleted";
    }
}
