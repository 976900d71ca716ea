package io.lfp.dashboard.domain;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where an answer came from: the Redis views, or PostgreSQL directly because Redis is down. */
@Schema(type = SchemaType.STRING, enumeration = { "online", "offline" })
public enum CacheStatus {
    ONLINE,
    OFFLINE;

    @JsonValue
    public String json() {
        return name().toLowerCase();
    }
}
