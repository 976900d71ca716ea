package io.lfp.dashboard.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * dashboard_cache_requests_total{view, result=hit|miss|offline}, dashboard_cache_computations_total{view} and
 * dashboard_cache_refreshes_total{view}: how well the Redis views work.
 */
@ApplicationScoped
public class CacheMetrics {

    private final MeterRegistry registry;

    public CacheMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void hit(String view) {
        request(view, "hit");
    }

    public void miss(String view) {
        request(view, "miss");
    }

    /** Served from PostgreSQL without asking Redis, because Redis is down. */
    public void offline(String view) {
        request(view, "offline");
    }

    /**
     * A read computed its view from PostgreSQL (after a miss, or with Redis down). Reads of one key that miss
     * while it runs wait for it: fewer computations than misses plus offline reads means they shared one.
     */
    public void computed(String view) {
        Counter.builder("dashboard.cache.computations")
                .description("Views computed from PostgreSQL for reads; concurrent reads of one key share one")
                .tag("view", view)
                .register(registry)
                .increment();
    }

    public void refreshed(String view) {
        Counter.builder("dashboard.cache.refreshes")
                .description("Views rebuilt in Redis after an event or a Redis restart")
                .tag("view", view)
                .register(registry)
                .increment();
    }

    private void request(String view, String result) {
        Counter.builder("dashboard.cache.requests")
                .description("Reads of a Redis view, by outcome")
                .tag("view", view)
                .tag("result", result)
                .register(registry)
                .increment();
    }
}
