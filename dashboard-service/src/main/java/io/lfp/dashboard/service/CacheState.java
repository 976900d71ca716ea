package io.lfp.dashboard.service;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;

/**
 * Whether Redis is believed to work. Once a command fails, reads skip Redis (no timeout to pay on
 * every request) until {@link RedisRecovery} finds it back and the views were rebuilt.
 */
@ApplicationScoped
public class CacheState {

    private final AtomicBoolean online = new AtomicBoolean(true);

    public boolean isOnline() {
        return online.get();
    }

    public void markOffline(Throwable cause) {
        if (online.compareAndSet(true, false)) {
            Log.warnf("Redis unavailable, serving views from PostgreSQL: %s", cause.toString());
        }
    }

    public void markOnline() {
        if (online.compareAndSet(false, true)) {
            Log.info("Redis is back, views rebuilt; serving from Redis again");
        }
    }
}
