package io.lfp.dashboard.domain;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where an answer came from: the Redis views, or PostgreSQL directly because Redis is down. */
public enum CacheStatus {
    ONLINE,
    OFFLINE;

    @JsonValue
    public String json() {
        return name().toLowerCase();
    }
}
