package io.lfp.dashboard.domain;

import com.fasterxml.jackson.annotation.JsonValue;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where an answer came from: the Redis views, or PostgreSQL directly because Redis is down. */
@Schema(type = SchemaType.STRING, enumeration = {"online", "offline"})
public enum CacheStatus {
    ONLINE,
    OFFLINE;

    @JsonValue
    public String json() {
        return name().toLowerCase();
    }
}
