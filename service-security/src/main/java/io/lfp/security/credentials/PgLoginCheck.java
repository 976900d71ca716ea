package io.lfp.security.credentials;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/** Makes {@link PgLogin} a mapping Quarkus checks at start (it checks a mapping only where it is injected). */
@ApplicationScoped
public class PgLoginCheck {

    void onStart(@Observes StartupEvent event, PgLogin login) {
        Log.infof("PostgreSQL: %s:%d/%s as %s", login.host(), login.port(), login.database(), login.user());
    }
}
