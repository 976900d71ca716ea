package io.lfp.e2e;

import io.lfp.cli.auth.ClientCredentials;
import io.lfp.localinfra.KeycloakServer;
import io.lfp.localinfra.LocalSecrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one Keycloak of the whole failsafe JVM (starting one per test class would cost a minute each): started on
 * first use with the project's realm and one secrets file under {@code e2e-tests/target/shared-keycloak}, stopped
 * when the JVM exits. Every {@link RunningStack} uses that secrets file (so its lfp-cli and lfp-dashboard secrets
 * match this Keycloak's) and this issuer, and registers its dashboard's redirect URIs here.
 *
 * <p>Per realm role a confidential test client {@code lfp-e2e-<role>} (client credentials, service account with that
 * role) gives the tests bearer tokens ({@link #tokens(String)}).
 */
final class SharedKeycloak {
    private static SharedKeycloak instance;

    private final Path secretsFile;
    private final LocalSecrets secrets;
    private final String issuer;
    private final KeycloakAdmin admin;
    private final Map<String, ClientCredentials> tokens = new ConcurrentHashMap<>();

    private SharedKeycloak(Path secretsFile, LocalSecrets secrets, String issuer) {
        this.secretsFile = secretsFile;
        this.secrets = secrets;
        this.issuer = issuer;
        this.admin = new KeycloakAdmin(issuer, secrets.keycloakAdminPassword());
    }

    /** The JVM's Keycloak, started by the first caller. */
    static synchronized SharedKeycloak get(Path repoRoot) {
        if (instance == null) {
            Path dir = repoRoot.resolve("e2e-tests/target/shared-keycloak");
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path file = dir.resolve("secrets.properties");
            LocalSecrets secrets = LocalSecrets.loadOrCreate(file);
            System.out.println("[keycloak] starting the tests' shared Keycloak …");
            KeycloakServer server = KeycloakServer.start(dir.resolve("data"), secrets);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "lfp-e2e-keycloak-stop"));
            instance = new SharedKeycloak(file, secrets, server.issuer());
            System.out.println("[keycloak] " + instance.issuer + " is ready");
        }
        return instance;
    }

    Path secretsFile() {
        return secretsFile;
    }

    String issuer() {
        return issuer;
    }

    KeycloakAdmin admin() {
        return admin;
    }

    /** The password of the realm's {@code admin} user (role admin), as {@code ./lfp up} tells people to find it. */
    String adminUserPassword() {
        return secrets.oidcAdminPassword();
    }

    /** Tokens of test client {@code lfp-e2e-<role>}, whose service account has realm role {@code role}. */
    ClientCredentials tokens(String role) {
        return tokens.computeIfAbsent(role, r -> {
            String clientId = "lfp-e2e-" + r;
            String secret = secrets.oidcClientSecret("lfp-cli") + "-" + r;
            admin.ensureServiceClient(clientId, secret, r);
            return new ClientCredentials(URI.create(admin.tokenUrl()), clientId, secret);
        });
    }

    /** Creates a person who logs in through Keycloak's page with realm role {@code role} (e.g. a viewer). */
    void ensureUser(String username, String password, String role) {
        admin.ensureUser(username, password, role);
    }
}
