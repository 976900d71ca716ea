package io.lfp.dashboard.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * dashboard_cache_requests_total{view, result=hit|miss|offline} and
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
