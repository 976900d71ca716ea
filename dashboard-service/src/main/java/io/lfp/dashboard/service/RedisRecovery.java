package io.lfp.dashboard.service;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.lfp.dashboard.config.DashboardConfig;
import io.lfp.dashboard.repository.RedisViewRepository;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;

/**
 * While Redis is offline, pings it every few seconds; once it answers, rebuilds every view and
 * only then lets reads use Redis again, so nothing cached before the outage is served.
 */
@ApplicationScoped
public class RedisRecovery {

    private final Vertx vertx;
    private final RedisViewRepository redis;
    private final ViewRefresher refresher;
    private final CacheState state;
    private final DashboardConfig config;
    private final LiveUpdates live;
    private final AtomicBoolean probing = new AtomicBoolean();
    private long timerId = -1;

    public RedisRecovery(Vertx vertx, RedisViewRepository redis, ViewRefresher refresher, CacheState state,
            DashboardConfig config, LiveUpdates live) {
        this.vertx = vertx;
        this.redis = redis;
        this.refresher = refresher;
        this.state = state;
        this.config = config;
        this.live = live;
    }

    void start(@Observes StartupEvent event) {
        timerId = vertx.setPeriodic(config.redisProbeInterval().toMillis(), id -> probe());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    void probe() {
        if (state.isOnline() || !probing.compareAndSet(false, true)) {
            return;
        }
        redis.ping()
                .chain(refresher::rebuildAll)
                .eventually(() -> probing.set(false))
                .subscribe().with(
                        ignored -> {
                            state.markOnline();
                            // Open pages reload their tables on a summary and show the cache online again.
                            live.totalsChanged().subscribe().with(done -> {
                            });
                        },
                        failure -> Log.debugf("Redis still offline: %s", failure));
    }
}
