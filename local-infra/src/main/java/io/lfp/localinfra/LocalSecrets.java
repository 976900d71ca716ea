package io.lfp.localinfra;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The credentials of one local stack: random, generated once per data directory and kept in a properties
 * file readable by its owner only ({@code .lfp/secrets.properties} for {@code ./lfp up}), or generated in
 * memory for a throwaway stack (tests). Nothing has a fixed default, so no two installations share a secret.
 *
 * <p>
 * The file is the contract with the launcher, which reads it to hand each service its own credentials;
 * its keys are listed in local-infra's README.
 */
public final class LocalSecrets {

    /** The services, each with its own PostgreSQL role and Kafka principal. */
    public static final List<String> SERVICES = List.of("upload-service", "ingest-worker", "aggregate-service",
            "dashboard-service");
    /** The Kafka principal of systems outside the project: it may only write {@code ingest-requested}. */
    public static final String EXTERNAL_PRODUCER = "external-producer";
    /** The Kafka super user local-infra itself uses (topics, ACLs, test producers). */
    public static final String KAFKA_ADMIN = "admin";
    /** The PostgreSQL superuser local-infra creates the database and the service roles with. */
    public static final String PG_SUPERUSER = "lfp_admin";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, String> values;

    private LocalSecrets(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** The secrets {@link #asMap()} returned (the servers another class loader of this JVM started). */
    static LocalSecrets of(Map<String, String> values) {
        return new LocalSecrets(values);
    }

    /** Fresh random secrets, kept nowhere: for a throwaway stack. */
    public static LocalSecrets random() {
        return new LocalSecrets(generate(Map.of()));
    }

    /**
     * The secrets in {@code file}; the missing ones (all, on the first start) are generated and the file is
     * (re)written with permissions {@code rw-------}.
     */
    public static LocalSecrets loadOrCreate(Path file) {
        Map<String, String> existing = read(file);
        Map<String, String> all = generate(existing);
        if (!all.equals(existing)) {
            write(file, all);
        }
        return new LocalSecrets(all);
    }

    /** The PostgreSQL role a service connects as (it owns the service's tables). */
    public static String pgRole(String service) {
        return "lfp_" + service.replace("-service", "").replace("-worker", "").replace('-', '_');
    }

    public String pgSuperuserPassword() {
        return values.get("pg.superuser.password");
    }

    public String pgPassword(String service) {
        return required("pg." + service + ".password");
    }

    public String kafkaAdminPassword() {
        return values.get("kafka." + KAFKA_ADMIN + ".password");
    }

    /** The SCRAM password of a service's principal (its name), of {@link #EXTERNAL_PRODUCER} or of {@link #KAFKA_ADMIN}. */
    public String kafkaPassword(String principal) {
        return required("kafka." + principal + ".password");
    }

    public String redisPassword() {
        return values.get("redis.password");
    }

    public String s3AccessKey() {
        return values.get("s3.access-key");
    }

    public String s3SecretKey() {
        return values.get("s3.secret-key");
    }

    /** The password of Keycloak's own administrator ({@code admin} in the master realm). */
    public String keycloakAdminPassword() {
        return values.get("keycloak.admin.password");
    }

    /** The password of the project realm's {@code admin} user (role admin). */
    public String oidcAdminPassword() {
        return values.get("oidc.admin.password");
    }

    /** The secret of an OIDC client of the project realm: {@code lfp-dashboard} or {@code lfp-cli}. */
    public String oidcClientSecret(String clientId) {
        return required("oidc." + clientId + ".secret");
    }

    /** Every key and value, for the file and for tests. */
    public Map<String, String> asMap() {
        return new TreeMap<>(values);
    }

    private String required(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no secret " + key);
        }
        return v;
    }

    private static Map<String, String> generate(Map<String, String> existing) {
        Map<String, String> m = new LinkedHashMap<>(existing);
        m.putIfAbsent("pg.superuser.password", token());
        for (String service : SERVICES) {
            m.putIfAbsent("pg." + service + ".password", token());
            m.putIfAbsent("kafka." + service + ".password", token());
        }
        m.putIfAbsent("kafka." + KAFKA_ADMIN + ".password", token());
        m.putIfAbsent("kafka." + EXTERNAL_PRODUCER + ".password", token());
        m.putIfAbsent("redis.password", token());
        // s3proxy keeps one identity; an access key is a name, not a secret, but it must not be guessable either
        m.putIfAbsent("s3.access-key", "lfp-" + token().substring(0, 16).toLowerCase().replaceAll("[^a-z0-9]", "x"));
        m.putIfAbsent("s3.secret-key", token());
        m.putIfAbsent("keycloak.admin.password", token());
        m.putIfAbsent("oidc.admin.password", token());
        m.putIfAbsent("oidc.lfp-dashboard.secret", token());
        m.putIfAbsent("oidc.lfp-cli.secret", token());
        return m;
    }

    /** 24 random bytes, URL-safe: usable in a URL, a JAAS line, a JSON file and a shell variable as is. */
    private static String token() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).replace('-', 'a').replace('_', 'b');
    }

    private static Map<String, String> read(Path file) {
        Map<String, String> m = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return m;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return m;
    }

    private static void write(Path file, Map<String, String> values) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Properties p = new Properties();
            values.forEach(p::setProperty);
            try (Writer w = Files.newBufferedWriter(tmp)) {
                p.store(w, "Generated by local-infra for this data directory; readable by its owner only. Do not commit.");
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
