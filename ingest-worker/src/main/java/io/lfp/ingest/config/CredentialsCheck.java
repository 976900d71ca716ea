package io.lfp.ingest.config;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Makes the mappings of the credentials ({@link PgConfig}, {@link S3Config}) part of the configuration Quarkus checks
 * before anything starts: Quarkus checks a mapping only where it is injected.
 */
@ApplicationScoped
public class CredentialsCheck {

    private final PgConfig pg;

    public CredentialsCheck(PgConfig pg, S3Config s3) {
        this.pg = pg;
    }

    void onStart(@Observes StartupEvent event) {
        Log.infof("PostgreSQL as %s at %s:%d/%s", pg.user(), pg.host(), pg.port(), pg.database());
    }
}
