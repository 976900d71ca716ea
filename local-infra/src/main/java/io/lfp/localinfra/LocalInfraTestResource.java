package io.lfp.localinfra;

import java.util.Map;

import org.apache.kafka.common.utils.Exit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Real PostgreSQL, Kafka, Redis and S3 for {@code @QuarkusTest}s:
 * {@code @WithTestResource(LocalInfraTestResource.class)}.
 *
 * <p>
 * One set of servers per JVM (free ports, throwaway data), started on first use and stopped
 * when the JVM exits. {@link #stop()} deliberately leaves them running: Quarkus restarts the
 * application for each test profile within the same JVM, and restarting four servers each time
 * would cost seconds per test class. Tests that need the servers directly use {@link #infra()}.
 */
public class LocalInfraTestResource implements QuarkusTestResourceLifecycleManager {

    /** A string literal is interned JVM-wide: one lock even if several class loaders load this class. */
    private static final String LOCK = "io.lfp.localinfra.LocalInfraTestResource#lock";
    private static LocalInfrastructure infra;

    @Override
    public Map<String, String> start() {
        return infra().configOverrides();
    }

    @Override
    public void stop() {
        // the servers live as long as the JVM (see the class comment)
    }

    /** The running infrastructure (started if needed): JDBC, Kafka, Redis and S3 addresses, stopRedis()/startRedis(). */
    public static LocalInfrastructure infra() {
        synchronized (LOCK) {
            if (infra == null) {
                // a fatal broker error must fail the tests, not halt the test JVM without reports
                Exit.setExitProcedure((code, message) -> {
                    throw new IllegalStateException("Kafka asked to exit(" + code + "): " + message);
                });
                Exit.setHaltProcedure((code, message) -> {
                    throw new IllegalStateException("Kafka asked to halt(" + code + "): " + message);
                });
                infra = SharedInfra.obtain();
            }
            return infra;
        }
    }
}
