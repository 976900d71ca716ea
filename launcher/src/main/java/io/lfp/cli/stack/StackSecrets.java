package io.lfp.cli.stack;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The credentials of a stack as local-infra wrote them into its secrets file ({@code .lfp/secrets.properties}):
 * generated on the first start, readable by the owner only. The launcher reads the file after local-infra's
 * READY line (the keys are listed in local-infra's README) and hands each service only its own credentials.
 */
public final class StackSecrets {
    /** The PostgreSQL superuser local-infra creates; only the benchmark's checks and the tests use it. */
    public static final String PG_SUPERUSER = "lfp_admin";

    private final Path file;
    private final Map<String, String> values;

    private StackSecrets(Path file, Map<String, String> values) {
        this.file = file;
        this.values = Map.copyOf(values);
    }

    /** The secrets in {@code file}; fails naming the file when it is missing or unreadable. */
    public static StackSecrets read(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new StackException("Cannot read the stack's secrets " + file + " (local-infra writes it on its first"
                    + " start): " + e.getMessage(), e);
        }
        Map<String, String> m = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return new StackSecrets(file, m);
    }

    /** For tests: the given keys and values. */
    public static StackSecrets of(Map<String, String> values) {
        return new StackSecrets(Path.of("secrets.properties"), values);
    }

    public Path file() {
        return file;
    }

    /** The PostgreSQL role a service connects as: lfp_upload, lfp_ingest, lfp_aggregate, lfp_dashboard. */
    public static String pgRole(String module) {
        return "lfp_" + module.replace("-service", "").replace("-worker", "").replace('-', '_');
    }

    public String pgSuperuserPassword() {
        return required("pg.superuser.password");
    }

    public String pgPassword(String module) {
        return required("pg." + module + ".password");
    }

    /** The SCRAM password of a service's Kafka principal (the service's module name). */
    public String kafkaPassword(String principal) {
        return required("kafka." + principal + ".password");
    }

    public String redisPassword() {
        return required("redis.password");
    }

    public String s3AccessKey() {
        return required("s3.access-key");
    }

    public String s3SecretKey() {
        return required("s3.secret-key");
    }

    /** The password of Keycloak's own administrator ({@code admin} in the master realm). */
    public String keycloakAdminPassword() {
        return required("keycloak.admin.password");
    }

    /** The secret of a client of the project realm: {@code lfp-dashboard} or {@code lfp-cli}. */
    public String oidcClientSecret(String clientId) {
        return required("oidc." + clientId + ".secret");
    }

    private String required(String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            throw new StackException("The secrets file " + file + " has no " + key
                    + "; delete the file's stack data or add the key (local-infra generates missing keys on its next start)");
        }
        return value;
    }
}
