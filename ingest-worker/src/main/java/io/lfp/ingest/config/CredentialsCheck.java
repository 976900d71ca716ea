package io.lfp.ingest.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * Makes {@link S3Config} a mapping Quarkus checks at start (it checks a mapping only where it is injected): a start
 * without the S3 keys fails naming the property. PostgreSQL's login is checked by service-security's PgLoginCheck.
 */
@ApplicationScoped
public class CredentialsCheck {

    void onStart(@Observes StartupEvent event, S3Config required) {
        Log.debug("S3 keys configured");
    }
}
