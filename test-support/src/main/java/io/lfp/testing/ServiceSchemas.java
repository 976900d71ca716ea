package io.lfp.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

import org.flywaydb.core.Flyway;

import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.localinfra.LocalInfrastructure;

/**
 * Other services' tables in a test, made by their own Flyway migrations run as their owning role: a service's
 * tests that read another service's tables get exactly the owner's schema and grants, never a hand-kept copy.
 * The build copies each owner's {@code db/migration} and {@code application.properties} (for its Flyway location
 * and history table) under {@code io/lfp/testing/schemas/<service>/}.
 */
public final class ServiceSchemas {

    /** The services whose migrations are here. */
    public static final List<String> SERVICES = List.of("upload-service", "ingest-worker", "aggregate-service");

    private ServiceSchemas() {
    }

    /** Migrates {@code services}' tables in the test database, each as its own role (already migrated: no-op). */
    public static void migrate(String... services) {
        LocalInfrastructure infra = LocalInfraTestResource.infra();
        for (String service : services) {
            migrate(service, infra.jdbcUrl(), infra.pgUser(service), infra.pgPassword(service));
        }
    }

    /**
     * Runs {@code service}'s migrations on {@code jdbcUrl} as {@code role}, with the Flyway settings the service
     * itself uses (location, history table, baseline on a database other services already use).
     */
    public static void migrate(String service, String jdbcUrl, String role, String password) {
        Properties config = config(service);
        Flyway.configure(ServiceSchemas.class.getClassLoader())
                .dataSource(jdbcUrl, role, password)
                .locations("classpath:io/lfp/testing/schemas/" + service + "/" + setting(config, service, "locations"))
                .table(setting(config, service, "table"))
                .baselineOnMigrate(Boolean.parseBoolean(setting(config, service, "baseline-on-migrate")))
                .baselineVersion(setting(config, service, "baseline-version"))
                .load()
                .migrate();
    }

    private static Properties config(String service) {
        if (!SERVICES.contains(service)) {
            throw new IllegalArgumentException("no migrations of " + service + "; there are " + SERVICES);
        }
        Properties config = new Properties();
        try (InputStream in = ServiceSchemas.class.getResourceAsStream("schemas/" + service + "/application.properties")) {
            config.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return config;
    }

    private static String setting(Properties config, String service, String name) {
        String value = config.getProperty("quarkus.flyway." + name);
        if (value == null) {
            throw new IllegalStateException(service + "'s application.properties has no quarkus.flyway." + name);
        }
        return value;
    }
}
