package io.lfp.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.lfp.cli.auth.ClientCredentials;
import io.lfp.localinfra.KeycloakServer;
import io.lfp.localinfra.LocalSecrets;

/**
 * The one Keycloak of the whole failsafe JVM (starting one per test class would cost a minute each): started on
 * first use with the project's realm and one secrets file under {@code e2e-tests/target/shared-keycloak}, stopped
 * when the JVM exits. Every {@link RunningStack} uses that secrets file (so its lfp-cli and lfp-dashboard secrets
 * match this Keycloak's) and this issuer, and registers its dashboard's redirect URIs here.
 *
 * <p>
 * Per realm role a confidential test client {@code lfp-e2e-<role>} (client credentials, service account with that
 * role) gives the tests bearer tokens ({@link #tokens(String)}).
 */
final class SharedKeycloak {
    private static SharedKeycloak instance;

    private final Path secretsFile;
    private final KeycloakServer server;
    private final LocalSecrets secrets;
    private final String issuer;
    private final KeycloakAdmin admin;
    private final Map<String, ClientCredentials> tokens = new ConcurrentHashMap<>();
    private final Set<String> users = new HashSet<>();

    private SharedKeycloak(Path secretsFile, KeycloakServer server) {
        this.secretsFile = secretsFile;
        this.server = server;
        this.secrets = server.secrets();
        this.issuer = server.issuerUrl();
        this.admin = new KeycloakAdmin(issuer, secrets.keycloakAdminPassword());
    }

    /** The JVM's Keycloak, started by the first caller. */
    static synchronized SharedKeycloak get() {
        if (instance == null) {
            Path dir = E2eFiles.target("shared-keycloak");
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path file = dir.resolve("secrets.properties");
            LocalSecrets secrets = LocalSecrets.loadOrCreate(file);
            System.out.println("[keycloak] starting the tests' shared Keycloak …");
            // the dist is unpacked and built once per machine, where throwaway local-infra stacks keep it too;
            // the stacks' dashboard origins are added per stack (RunningStack.start)
            KeycloakServer server = KeycloakServer.start(
                    Path.of(System.getProperty("java.io.tmpdir"), "lfp-keycloak"),
                    dir.resolve("data-" + ProcessHandle.current().pid()),
                    0, secrets, List.of());
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "lfp-e2e-keycloak-stop"));
            instance = new SharedKeycloak(file, server);
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
            String secret = secrets.oidcClientSecret(KeycloakServer.CLI_CLIENT) + "-" + r;
            server.createServiceClient(clientId, secret, r);
            return new ClientCredentials(URI.create(ClientCredentials.tokenUrlOf(issuer)), clientId, secret);
        });
    }

    /**
     * Creates (once per JVM) a person who logs in through Keycloak's page with realm role {@code role}, e.g. a viewer
     * for the browser test.
     */
    synchronized void ensureUser(String username, String password, String role) {
        if (users.add(username)) {
            server.createUser(username, password, role);
        }
    }

    /**
     * The Keycloak itself: {@code createUser(name, password, roles...)} for a person who logs in through its page
     * (e.g. a viewer in the browser test), {@code clientCredentialsToken}, the realm admin's password in
     * {@code secrets().oidcAdminPassword()}.
     */
    KeycloakServer server() {
        return server;
    }
}
