package io.lfp.dashboard.repository;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.lfp.dashboard.config.DashboardConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;

/**
 * The Redis commands the views need. Every command fails after the short configured timeout,
 * so callers can fall back to PostgreSQL instead of waiting for a Redis that is gone; every failure
 * is a {@link RedisUnavailableException}, telling it apart from a PostgreSQL one.
 */
@ApplicationScoped
public class RedisViewRepository {

    private final ReactiveRedisDataSource redis;
    private final ReactiveValueCommands<String, String> values;
    private final Duration timeout;

    public RedisViewRepository(ReactiveRedisDataSource redis, DashboardConfig config) {
        this.redis = redis;
        this.values = redis.value(String.class, String.class);
        this.timeout = config.redisTimeout();
    }

    /** The value, or null when the key does not exist. */
    public Uni<String> get(String key) {
        return bounded(values.get(key));
    }

    /** Several values at once; absent keys map to null. */
    public Uni<Map<String, String>> getAll(List<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return bounded(values.mget(keys.toArray(String[]::new)));
    }

    public Uni<Void> set(String key, String value, Duration ttl) {
        return bounded(values.set(key, value, new SetArgs().px(ttl)));
    }

    /** The current products-view version; 0 before the first bump. */
    public Uni<Long> version(String key) {
        return get(key).map(v -> v == null ? 0L : Long.parseLong(v));
    }

    /** Increments the version, so pages cached under the old one are never read again. */
    public Uni<Long> bumpVersion(String key) {
        return bounded(values.incr(key));
    }

    public Uni<Void> ping() {
        return bounded(redis.execute("PING")).replaceWithVoid();
    }

    private <T> Uni<T> bounded(Uni<T> command) {
        return command.ifNoItem().after(timeout).fail()
                .onFailure().transform(RedisUnavailableException::new);
    }
}
