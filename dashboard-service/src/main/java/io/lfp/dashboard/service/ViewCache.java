package io.lfp.dashboard.service;

import java.time.Duration;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lfp.dashboard.domain.Cached;
import io.lfp.dashboard.repository.RedisViewRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Cache-aside over Redis: serve the stored JSON, or compute the view from PostgreSQL and store it.
 * Any Redis failure turns into an answer computed from PostgreSQL marked offline, never an error.
 */
@ApplicationScoped
public class ViewCache {

    private final RedisViewRepository redis;
    private final CacheState state;
    private final CacheMetrics metrics;
    private final ObjectMapper json;

    public ViewCache(RedisViewRepository redis, CacheState state, CacheMetrics metrics, ObjectMapper json) {
        this.redis = redis;
        this.state = state;
        this.metrics = metrics;
        this.json = json;
    }

    /**
     * @param view metric tag
     * @param key the Redis key; a Uni because some keys embed the version read from Redis
     * @param compute builds the view from PostgreSQL; may yield null (nothing to show, not stored)
     */
    public <T> Uni<Cached<T>> get(String view, Uni<String> key, Class<T> type, Duration ttl,
            Supplier<Uni<T>> compute) {
        if (!state.isOnline()) {
            metrics.offline(view);
            return compute.get().map(Cached::offline);
        }
        return key.chain(k -> redis.get(k).map(stored -> new Lookup(k, stored)))
                .onItemOrFailure().transformToUni((lookup, redisFailure) -> {
                    if (redisFailure != null) {
                        state.markOffline(redisFailure);
                        metrics.offline(view);
                        return compute.get().map(Cached::offline);
                    }
                    T hit = decode(lookup, type);
                    if (hit != null) {
                        metrics.hit(view);
                        return Uni.createFrom().item(Cached.online(hit));
                    }
                    metrics.miss(view);
                    return compute.get().chain(value -> store(lookup.key(), value, ttl));
                });
    }

    /** Writes a view computed elsewhere (event-driven rebuilds). Fails if Redis does. */
    public Uni<Void> put(String key, Object value, Duration ttl) {
        return redis.set(key, encode(value), ttl);
    }

    private <T> Uni<Cached<T>> store(String key, T value, Duration ttl) {
        if (value == null) {
            return Uni.createFrom().item(Cached.online(null));
        }
        return redis.set(key, encode(value), ttl)
                .map(ignored -> Cached.online(value))
                .onFailure().recoverWithItem(failure -> {
                    state.markOffline(failure);
                    return Cached.offline(value);
                });
    }

    private <T> T decode(Lookup lookup, Class<T> type) {
        if (lookup.stored() == null) {
            return null;
        }
        try {
            return json.readValue(lookup.stored(), type);
        } catch (JsonProcessingException e) {
            // An older release's shape: treat as a miss and overwrite it.
            Log.warnf("Unreadable view at %s, recomputing: %s", lookup.key(), e.getOriginalMessage());
            return null;
        }
    }

    String encode(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write view " + value.getClass().getSimpleName(), e);
        }
    }

    private record Lookup(String key, String stored) {
    }
}
