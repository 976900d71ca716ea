package io.lfp.localinfra;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the embedded Kafka broker from flooding test output. In a Quarkus test slf4j goes to
 * jboss-logmanager, which honours java.util.logging levels; LocalInfraMain configures
 * slf4j-simple through system properties instead.
 */
final class QuietLogging {

    /** Server-side categories only: the services' own Kafka clients keep their levels. */
    static final List<String> CATEGORIES = List.of(
            "kafka", "state.change.logger",
            "org.apache.kafka.server", "org.apache.kafka.controller", "org.apache.kafka.raft",
            "org.apache.kafka.metadata", "org.apache.kafka.image", "org.apache.kafka.storage",
            "org.apache.kafka.coordinator", "org.apache.kafka.queue", "org.apache.kafka.security",
            "org.apache.kafka.snapshot", "org.apache.kafka.network", "org.apache.kafka.common.network",
            "org.apache.kafka.clients.admin", "org.apache.kafka.common.utils.AppInfoParser",
            "org.apache.kafka.common.metrics", "org.apache.kafka.common.config",
            "org.apache.kafka.clients.NetworkClient", "org.apache.kafka.timeline",
            "org.apache.kafka.logger", "org.apache.kafka.deferred");

    /** java.util.logging holds loggers weakly: keep them so the levels stick. */
    private static final List<Logger> KEPT = new ArrayList<>();

    private QuietLogging() {
    }

    static synchronized void apply() {
        if (!KEPT.isEmpty()) {
            return;
        }
        // a corner of the Kafka server uses log4j-api; without any provider log4j prints an ERROR line
        if (System.getProperty("log4j2.loggerContextFactory") == null
                && QuietLogging.class.getClassLoader()
                        .getResource("META-INF/services/org.apache.logging.log4j.spi.Provider") == null) {
            System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        }
        for (String category : CATEGORIES) {
            Logger logger = Logger.getLogger(category);
            logger.setLevel(Level.WARNING);
            KEPT.add(logger);
        }
    }
}
