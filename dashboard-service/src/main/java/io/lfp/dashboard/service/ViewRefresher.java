package io.lfp.dashboard.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.lfp.dashboard.config.DashboardConfig;
import io.lfp.dashboard.domain.LiveProgress;
import io.lfp.dashboard.repository.RedisViewRepository;
import io.lfp.dashboard.repository.ViewKeys;
import io.smallrye.mutiny.Uni;

/** Rebuilds the Redis views when the data behind them changed. Fails if Redis or PostgreSQL does. */
@ApplicationScoped
public class ViewRefresher {

    private final ViewBuilder builder;
    private final ViewCache cache;
    private final RedisViewRepository redis;
    private final ViewKeys keys;
    private final CacheMetrics metrics;
    private final DashboardConfig config;

    public ViewRefresher(ViewBuilder builder, ViewCache cache, RedisViewRepository redis, ViewKeys keys,
            CacheMetrics metrics, DashboardConfig config) {
        this.builder = builder;
        this.cache = cache;
        this.redis = redis;
        this.keys = keys;
        this.metrics = metrics;
        this.config = config;
    }

    /** Products and counts changed: new version for product pages, fresh summary and top names. */
    public Uni<Void> aggregatesChanged() {
        return bumpProductsVersion()
                .chain(this::refreshSummary)
                .chain(this::refreshTopNames)
                // upload-service stamps aggregated_at on the same event.
                .chain(this::refreshUploads);
    }

    /** A job reported progress or its end: keep the newest counters and show them. */
    public Uni<Void> progressed(LiveProgress progress) {
        return cache.put(keys.progress(progress.uploadId()), progress, config.progressTtl())
                .chain(this::refreshUploads);
    }

    /** A new upload: it appears in the list and the total. */
    public Uni<Void> uploaded() {
        return refreshSummary().chain(this::refreshUploads);
    }

    /** After Redis was down: events were skipped meanwhile, and what Redis kept may be old. */
    public Uni<Void> rebuildAll() {
        return aggregatesChanged();
    }

    private Uni<Void> bumpProductsVersion() {
        return redis.bumpVersion(keys.version())
                .invoke(() -> metrics.refreshed("products"))
                .replaceWithVoid();
    }

    private Uni<Void> refreshSummary() {
        return builder.summary()
                .chain(view -> cache.put(keys.summary(), view, config.viewTtl()))
                .invoke(() -> metrics.refreshed("summary"));
    }

    private Uni<Void> refreshTopNames() {
        return builder.topNames("", config.topViewSize())
                .chain(view -> cache.put(keys.topNames(), view, config.viewTtl()))
                .invoke(() -> metrics.refreshed("aggregates"));
    }

    private Uni<Void> refreshUploads() {
        return builder.uploads()
                .chain(view -> cache.put(keys.uploads(), view, config.uploadsTtl()))
                .invoke(() -> metrics.refreshed("uploads"));
    }
}
