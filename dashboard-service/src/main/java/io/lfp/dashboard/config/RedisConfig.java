package io.lfp.dashboard.config;

import io.smallrye.config.ConfigMapping;

/**
 * The Redis of the views, under {@code lfp.redis} (docs/architecture.md). Redis requires a password, which has no
 * default (issue 17); being required here, a start without it fails naming {@code lfp.redis.password}
 * ({@code LFP_REDIS_PASSWORD}).
 */
@ConfigMapping(prefix = "lfp.redis")
public interface RedisConfig {

    /** URL, {@code redis://host:port} (env {@code LFP_REDIS_URL}). */
    String url();

    /** Password (env {@code LFP_REDIS_PASSWORD}), sent with AUTH. */
    String password();
}
