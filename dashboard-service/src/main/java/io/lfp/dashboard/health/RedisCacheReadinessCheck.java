package io.lfp.dashboard.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.lfp.dashboard.service.CacheState;

/**
 * Reports whether the Redis views are in use, but always UP: without Redis the dashboard answers
 * every read from PostgreSQL, so taking it out of the load balancer would turn a slower page into
 * no page. That is also why the Redis extension's own check is disabled (quarkus.redis.health.enabled).
 */
@Readiness
@ApplicationScoped
public class RedisCacheReadinessCheck implements HealthCheck {

    private final CacheState state;

    public RedisCacheReadinessCheck(CacheState state) {
        this.state = state;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("redis-views")
                .up()
                .withData("cache", state.isOnline() ? "online" : "offline")
                .build();
    }
}
