package io.lfp.dashboard.service;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lfp.dashboard.config.DashboardConfig;
import io.lfp.dashboard.domain.Cached;
import io.lfp.dashboard.repository.RedisViewRepository;
import io.lfp.dashboard.repository.ViewKeys;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Cache-aside over Redis: serve the stored JSON, or compute the view from PostgreSQL and store it.
 * Any Redis failure turns into an answer computed from PostgreSQL marked offline, never an error.
 * <p>
 * Single flight, per instance: reads of one key that miss while its computation runs wait for that computation
 * instead of starting their own, so a burst of readers of a missing (or expired, or newly versioned) key costs
 * PostgreSQL one query, not one per reader; the same with Redis down. Several instances may each compute a key
 * once: a Redis lock would add a round trip to every miss and a wait for a lock holder that may be gone, to save
 * at most one index read per instance. With Redis down a computed view also answers the reads of its key for
 * {@code lfp.dashboard.offline-reuse} after it, so a popular key costs PostgreSQL one query per that interval.
 */
@ApplicationScoped
public class ViewCache {

    /** Fixed keys whose last value is remembered; one upload's own key ({@code upload:<id>}) is fixed too. */
    private static final int MAX_REMEMBERED = 16;

    private final RedisViewRepository redis;
    private final ViewKeys keys;
    private final CacheState state;
    private final CacheMetrics metrics;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final Duration offlineReuse;
    /** The computations running now, by key; each removed when it ends (offline: offline-reuse after). */
    private final ConcurrentHashMap<String, CompletableFuture<?>> flights = new ConcurrentHashMap<>();
    /**
     * The last value read from each of a few fixed keys (the summary, the 1000 top names, the uploads) and the
     * JSON it was read from: while Redis holds the same JSON, comparing it costs far less than parsing it again.
     */
    private final ConcurrentHashMap<String, Decoded> lastRead = new ConcurrentHashMap<>();

    public ViewCache(RedisViewRepository redis, ViewKeys keys, CacheState state, CacheMetrics metrics,
            ObjectMapper json, Vertx vertx, DashboardConfig config) {
        this.redis = redis;
        this.keys = keys;
        this.state = state;
        this.metrics = metrics;
        this.json = json;
        this.vertx = vertx;
        this.offlineReuse = config.offlineReuse();
    }

    /**
     * @param view metric tag
     * @param key the Redis key
     * @param compute builds the view from PostgreSQL; may yield null (nothing to show, not stored)
     */
    public <T> Uni<Cached<T>> get(String view, String key, Class<T> type, Duration ttl, Supplier<Uni<T>> compute) {
        return get(view, Uni.createFrom().item(key), key, true, type, ttl, compute);
    }

    /** As {@link #get}, for a view of products or counts: its key embeds the products version read from Redis. */
    public <T> Uni<Cached<T>> getVersioned(String view, LongFunction<String> key, Class<T> type, Duration ttl,
            Supplier<Uni<T>> compute) {
        // With Redis down there is no version; the key of version -1 (never stored) names the computation.
        return get(view, redis.version(keys.version()).map(key::apply), key.apply(-1), false, type, ttl, compute);
    }

    private <T> Uni<Cached<T>> get(String view, Uni<String> key, String offlineKey, boolean fixed, Class<T> type,
            Duration ttl, Supplier<Uni<T>> compute) {
        if (!state.isOnline()) {
            return offline(view, offlineKey, compute);
        }
        return key.chain(k -> redis.get(k).map(stored -> new Lookup(k, stored)))
                .onItemOrFailure().transformToUni((lookup, redisFailure) -> {
                    if (redisFailure != null) {
                        state.markOffline(redisFailure);
                        return offline(view, offlineKey, compute);
                    }
                    T hit = decode(lookup, type, fixed);
                    if (hit != null) {
                        metrics.hit(view);
                        return Uni.createFrom().item(Cached.online(hit));
                    }
                    metrics.miss(view);
                    return once(view, lookup.key(), Duration.ZERO,
                            () -> compute.get().chain(value -> store(lookup.key(), value, ttl)));
                });
    }

    /** Writes a view computed elsewhere (event-driven rebuilds). Fails if Redis does. */
    public Uni<Void> put(String key, Object value, Duration ttl) {
        return redis.set(key, encode(value), ttl);
    }

    private <T> Uni<Cached<T>> offline(String view, String key, Supplier<Uni<T>> compute) {
        metrics.offline(view);
        return once(view, "offline:" + key, offlineReuse, () -> compute.get().map(Cached::offline));
    }

    /**
     * The result of {@code work} for {@code key}: started here when no computation of the key runs, else the
     * running one's (or, for {@code reuse} after it ended, its result). The computation runs to its end even if
     * the reader that started it goes away, since others may wait for it; each reader gets the answer on its own
     * Vert.x context.
     */
    @SuppressWarnings("unchecked")
    private <T> Uni<Cached<T>> once(String view, String key, Duration reuse, Supplier<Uni<Cached<T>>> work) {
        CompletableFuture<Cached<T>> mine = new CompletableFuture<>();
        CompletableFuture<Cached<T>> running = (CompletableFuture<Cached<T>>) flights.putIfAbsent(key, mine);
        if (running == null) {
            running = mine;
            metrics.computed(view);
            Uni<Cached<T>> computation;
            try {
                computation = work.get();
            } catch (RuntimeException e) {
                computation = Uni.createFrom().failure(e);
            }
            computation.subscribe().with(value -> {
                if (reuse.isZero()) {
                    flights.remove(key, mine);
                } else {
                    vertx.setTimer(reuse.toMillis(), id -> flights.remove(key, mine));
                }
                mine.complete(value);
            }, failure -> {
                flights.remove(key, mine);
                mine.completeExceptionally(failure);
            });
        }
        Uni<Cached<T>> result = Uni.createFrom().completionStage(running);
        Context context = Vertx.currentContext();
        return context == null ? result : result.emitOn(task -> context.runOnContext(ignored -> task.run()));
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

    /** @param fixed the key is not versioned: worth remembering its value */
    private <T> T decode(Lookup lookup, Class<T> type, boolean fixed) {
        if (lookup.stored() == null) {
            return null;
        }
        Decoded last = fixed ? lastRead.get(lookup.key()) : null;
        if (last != null && type.isInstance(last.value()) && last.stored().equals(lookup.stored())) {
            return type.cast(last.value());
        }
        try {
            T value = json.readValue(lookup.stored(), type);
            if (fixed && (last != null || lastRead.size() < MAX_REMEMBERED)) {
                lastRead.put(lookup.key(), new Decoded(lookup.stored(), value));
            }
            return value;
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

    private record Decoded(String stored, Object value) {
    }
}
