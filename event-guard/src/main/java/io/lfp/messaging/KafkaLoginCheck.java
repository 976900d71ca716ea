package io.lfp.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/** Makes {@link KafkaLogin} a mapping Quarkus checks at start: a missing login fails the start naming it. */
@ApplicationScoped
public class KafkaLoginCheck {

    void onStart(@Observes StartupEvent event, KafkaLogin login) {
        Log.infof("Kafka: %s as %s (SASL SCRAM-SHA-512)", login.bootstrap(), login.user());
    }
}
