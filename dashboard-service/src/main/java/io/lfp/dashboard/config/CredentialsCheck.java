package io.lfp.dashboard.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * Makes {@link RedisConfig} a mapping Quarkus checks at start (it checks a mapping only where it is injected): a start
 * without the Redis password fails naming the property. PostgreSQL's login is checked by service-security's PgLoginCheck.
 */
@ApplicationScoped
public class CredentialsCheck {

    void onStart(@Observes StartupEvent event, RedisConfig required) {
        Log.debug("Redis password configured");
    }
}
