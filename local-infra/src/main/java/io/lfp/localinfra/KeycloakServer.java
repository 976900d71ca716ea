package io.lfp.localinfra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Keycloak, the OIDC provider of the local run, as a child process ({@code kc.sh start --optimized}) with the
 * project's realm {@value #REALM} from {@code io/lfp/localinfra/keycloak/lfp-realm.json}.
 *
 * <p>
 * The dist zip (a {@code provided} dependency of local-infra, so Maven downloads it) is unpacked once into a
 * home directory shared by the stacks of this machine ({@code .lfp/keycloak} for the launcher), and built there
 * once ({@code kc.sh build}) for the options below; a marker file records version and options, so a change
 * rebuilds. The server's own data (an H2 file database) lives in the stack's data directory.
 *
 * <p>
 * On every start the realm is created from the file when missing; when it exists (a kept data directory),
 * the clients are updated from the file and the realm admin's password is reset, so secrets edited in the
 * secrets file and new redirect origins take effect. Users and clients added by hand are kept.
 *
 * <p>
 * For tests of the whole system: {@link #start(Path, Path, int, LocalSecrets, List)} starts one for a test JVM;
 * {@link #createUser}, {@link #createServiceClient} and {@link #clientCredentialsToken} use the admin REST API
 * and the token endpoint.
 */
public final class KeycloakServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KeycloakServer.class);
    /** System property overriding the zip found through the build-time filtered resource. */
    static final String ZIP_PROPERTY = "lfp.keycloak.zip";
    public static final String REALM = "lfp";
    public static final String DASHBOARD_CLIENT = "lfp-dashboard";
    public static final String CLI_CLIENT = "lfp-cli";
    /** The realm user with role admin, password {@link LocalSecrets#oidcAdminPassword()}. */
    public static final String REALM_ADMIN = "admin";
    /** Keycloak's own administrator in the master realm, password {@link LocalSecrets#keycloakAdminPassword()}. */
    public static final String MASTER_ADMIN = "admin";
    /** The roles of the realm, lowest first. */
    public static final List<String> ROLES = List.of("viewer", "uploader", "editor", "admin");
    /** Build-time options: a change rebuilds. H2 in a file; health for the readiness wait. */
    static final List<String> BUILD_OPTIONS = List.of("--db=dev-file", "--health-enabled=true");
    static final Duration READY_TIMEOUT = Duration.ofMinutes(4);
    private static final String REALM_RESOURCE = "keycloak/lfp-realm.json";
    private static final String BUILT_MARKER = ".lfp-built";
    private static final String UNPACKED_MARKER = ".lfp-unpacked";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path home;
    private final Path dataDir;
    private final int port;
    private final int managementPort;
    private final LocalSecrets secrets;
    private final List<String> redirectOrigins;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ChildProcess process;

    /**
     * @param home where the dist is unpacked and built once (shared by stacks)
     * @param dataDir this server's data (H2 database, log)
     * @param port HTTP port on 127.0.0.1; 0 for a free one
     * @param redirectOrigins the dashboard's origins (e.g. {@code http://127.0.0.1:8080}): the login may return
     *        to {@code <origin>/*}
     */
    KeycloakServer(Path home, Path dataDir, int port, LocalSecrets secrets, List<String> redirectOrigins) {
        this.home = home.toAbsolutePath();
        this.dataDir = dataDir.toAbsolutePath();
        this.port = Net.portOrFree(port);
        this.managementPort = Net.portOrFree(0);
        this.secrets = secrets;
        this.redirectOrigins = List.copyOf(redirectOrigins);
    }

    /**
     * Starts a Keycloak with the project's realm and returns once the realm answers; {@link #close()} stops it.
     * For a test JVM that needs one provider for all its stacks.
     */
    public static KeycloakServer start(Path home, Path dataDir, int port, LocalSecrets secrets,
            List<String> redirectOrigins) {
        KeycloakServer server = new KeycloakServer(home, dataDir, port, secrets, redirectOrigins);
        server.start();
        return server;
    }

    /** The dashboard's two origins on a port: 127.0.0.1 and localhost. */
    public static List<String> dashboardOrigins(int dashboardPort) {
        return List.of("http://127.0.0.1:" + dashboardPort, "http://localhost:" + dashboardPort);
    }

    /** Unpacks and builds when needed, starts the server, waits until it is ready and imports the realm. */
    void start() {
        Net.requireFree(port, "Keycloak");
        Path dist = prepareDist();
        ownerOnly(Dirs.create(dataDir));
        Path log = dataDir.resolve("keycloak.log");
        List<String> command = new ArrayList<>(List.of(dist.resolve("bin/kc.sh").toString(), "start", "--optimized",
                "--http-enabled=true",
                "--http-host=" + Net.HOST,
                "--http-port=" + port,
                // the management interface (health) follows http-host: 127.0.0.1 as well
                "--http-management-port=" + managementPort,
                // a fixed issuer, whatever Host header a client sends
                "--hostname=" + url(),
                "--hostname-strict=true",
                // one node: no cluster discovery
                "--cache=local",
                // H2 files under <dataDir>/data/h2
                "--db-url-path=" + dataDir,
                "--log-console-color=false"));
        try {
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(dataDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            environment(pb.environment());
            pb.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", MASTER_ADMIN);
            pb.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", secrets.keycloakAdminPassword());
            // SIGTERM to kc.sh, which forwards it to Keycloak's JVM and waits for it
            process = new ChildProcess(pb.start(), "lfp-keycloak-stop", Duration.ofSeconds(30));
            try {
                Net.await("Keycloak", READY_TIMEOUT, this::ready, process::isAlive);
            } catch (IllegalStateException e) {
                close();
                throw new IllegalStateException(e.getMessage() + "; log " + log + ":\n" + tail(log), e);
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot start Keycloak", e);
        }
        try {
            importRealm();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The server's root URL, e.g. {@code http://127.0.0.1:18080}. */
    public String url() {
        return "http://" + Net.HOST + ":" + port;
    }

    /** The issuer of the realm's tokens: {@code http://127.0.0.1:<port>/realms/lfp} (LFP_OIDC_URL of the services). */
    public String issuerUrl() {
        return url() + "/realms/" + REALM;
    }

    public int port() {
        return port;
    }

    /** The management interface (health) on 127.0.0.1. */
    public int managementPort() {
        return managementPort;
    }

    /** The pid of the kc.sh process (it forwards SIGTERM to Keycloak's JVM); -1 when not running. */
    public long pid() {
        return process == null ? -1 : process.pid();
    }

    /** The credentials it was started with: client secrets, the realm admin's and the master admin's password. */
    public LocalSecrets secrets() {
        return secrets;
    }

    /** Where Keycloak keeps its H2 database and its log. */
    public Path dataDir() {
        return dataDir;
    }

    /** A fresh access token of the master realm's administrator (it lives 60 s: take one per use). */
    public String adminToken() {
        HttpResponse<String> r = post(url() + "/realms/master/protocol/openid-connect/token", form(Map.of(
                "grant_type", "password", "client_id", "admin-cli",
                "username", MASTER_ADMIN, "password", secrets.keycloakAdminPassword())));
        if (r.statusCode() == 401) {
            throw new IllegalStateException("Keycloak refuses its administrator's password (keycloak.admin.password):"
                    + " its data in " + dataDir + " was created with another one; delete that directory to start over");
        }
        return accessToken(r, "the master admin token");
    }

    /**
     * An access token of the realm for a confidential client with service accounts enabled (client credentials
     * grant): e.g. {@code lfp-cli} with {@link LocalSecrets#oidcClientSecret(String)}.
     */
    public String clientCredentialsToken(String clientId, String secret) {
        HttpResponse<String> r = post(issuerUrl() + "/protocol/openid-connect/token", form(Map.of(
                "grant_type", "client_credentials", "client_id", clientId, "client_secret", secret)));
        return accessToken(r, "a client-credentials token for " + clientId);
    }

    /**
     * A user of the realm who can log in through Keycloak's page (profile complete, password not temporary) with
     * these realm roles. Fails if the user exists.
     */
    public void createUser(String username, String password, String... realmRoles) {
        ObjectNode user = JSON.createObjectNode()
                .put("username", username)
                .put("enabled", true)
                .put("emailVerified", true)
                .put("firstName", username)
                .put("lastName", "Test")
                .put("email", username + "@lfp.localhost");
        user.set("credentials", JSON.createArrayNode().add(password(password)));
        String token = adminToken();
        expect(send(token, "POST", realmAdmin() + "/users", user), 201, "create user " + username);
        String id = userId(token, username);
        addRealmRoles(token, realmAdmin() + "/users/" + id + "/role-mappings/realm", realmRoles);
    }

    /**
     * A confidential client of the realm for the client-credentials grant whose service account has these realm
     * roles: a machine (or a test) with exactly that role. Fails if the client exists.
     */
    public void createServiceClient(String clientId, String secret, String... realmRoles) {
        ObjectNode client = JSON.createObjectNode()
                .put("clientId", clientId)
                .put("enabled", true)
                .put("protocol", "openid-connect")
                .put("publicClient", false)
                .put("clientAuthenticatorType", "client-secret")
                .put("secret", secret)
                .put("standardFlowEnabled", false)
                .put("directAccessGrantsEnabled", false)
                .put("serviceAccountsEnabled", true);
        String token = adminToken();
        expect(send(token, "POST", realmAdmin() + "/clients", client), 201, "create client " + clientId);
        String id = clientUuid(token, clientId);
        JsonNode serviceAccount = json(expect(send(token, "GET", realmAdmin() + "/clients/" + id
                + "/service-account-user", null), 200, "service account of " + clientId));
        addRealmRoles(token, realmAdmin() + "/users/" + serviceAccount.path("id").asText() + "/role-mappings/realm",
                realmRoles);
    }

    /**
     * The project's roles ({@link #ROLES}) a user of the realm has directly; Keycloak's own
     * {@code default-roles-lfp} of a new user is left out.
     */
    public List<String> realmRolesOf(String username) {
        String token = adminToken();
        JsonNode roles = json(expect(send(token, "GET", realmAdmin() + "/users/" + userId(token, username)
                + "/role-mappings/realm", null), 200, "roles of " + username));
        List<String> names = new ArrayList<>();
        roles.forEach(r -> names.add(r.path("name").asText()));
        return ROLES.stream().filter(names::contains).collect(Collectors.toList());
    }

    /** Creates the realm from the file, or brings the clients and the admin's password in line with it. */
    private void importRealm() {
        ObjectNode realm = realmRepresentation();
        String token = adminToken();
        HttpResponse<String> existing = send(token, "GET", realmAdmin(), null);
        if (existing.statusCode() == 404) {
            expect(send(token, "POST", url() + "/admin/realms", realm), 201, "import realm " + REALM);
            LOG.debug("realm {} imported", REALM);
            return;
        }
        expect(existing, 200, "read realm " + REALM);
        for (JsonNode client : realm.path("clients")) {
            String clientId = client.path("clientId").asText();
            String id = clientUuidOrNull(token, clientId);
            if (id == null) {
                expect(send(token, "POST", realmAdmin() + "/clients", client), 201, "create client " + clientId);
            } else {
                ((ObjectNode) client).put("id", id);
                expect(send(token, "PUT", realmAdmin() + "/clients/" + id, client), 204, "update client " + clientId);
            }
        }
        String adminId = userId(token, REALM_ADMIN);
        expect(send(token, "PUT", realmAdmin() + "/users/" + adminId + "/reset-password",
                password(secrets.oidcAdminPassword())), 204, "reset the password of " + REALM_ADMIN);
        LOG.debug("realm {} updated", REALM);
    }

    /** The realm file with this stack's secrets, the admin's password and the dashboard's redirect URIs. */
    ObjectNode realmRepresentation() {
        ObjectNode realm;
        try (InputStream in = KeycloakServer.class.getResourceAsStream(REALM_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("io/lfp/localinfra/" + REALM_RESOURCE + " missing from local-infra");
            }
            realm = (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the realm file", e);
        }
        for (JsonNode node : realm.path("clients")) {
            ObjectNode client = (ObjectNode) node;
            String clientId = client.path("clientId").asText();
            client.put("secret", secrets.oidcClientSecret(clientId));
            if (clientId.equals(DASHBOARD_CLIENT)) {
                ArrayNode redirects = client.putArray("redirectUris");
                ArrayNode origins = client.putArray("webOrigins");
                redirectOrigins.forEach(o -> {
                    redirects.add(o + "/*");
                    origins.add(o);
                });
                ((ObjectNode) client.path("attributes")).put("post.logout.redirect.uris",
                        redirectOrigins.stream().map(o -> o + "/*").collect(Collectors.joining("##")));
            }
        }
        for (JsonNode user : realm.path("users")) {
            if (user.path("username").asText().equals(REALM_ADMIN)) {
                ((ObjectNode) user).set("credentials", JSON.createArrayNode().add(password(secrets.oidcAdminPassword())));
            }
        }
        return realm;
    }

    private static ObjectNode password(String value) {
        return JSON.createObjectNode().put("type", "password").put("value", value).put("temporary", false);
    }

    private String realmAdmin() {
        return url() + "/admin/realms/" + REALM;
    }

    private String userId(String token, String username) {
        JsonNode users = json(expect(send(token, "GET", realmAdmin() + "/users?exact=true&username="
                + encode(username), null), 200, "find user " + username));
        if (users.isEmpty()) {
            throw new IllegalStateException("no user " + username + " in realm " + REALM);
        }
        return users.get(0).path("id").asText();
    }

    private String clientUuid(String token, String clientId) {
        String id = clientUuidOrNull(token, clientId);
        if (id == null) {
            throw new IllegalStateException("no client " + clientId + " in realm " + REALM);
        }
        return id;
    }

    private String clientUuidOrNull(String token, String clientId) {
        JsonNode clients = json(expect(send(token, "GET", realmAdmin() + "/clients?clientId=" + encode(clientId),
                null), 200, "find client " + clientId));
        return clients.isEmpty() ? null : clients.get(0).path("id").asText();
    }

    private void addRealmRoles(String token, String mappingUrl, String... names) {
        if (names.length == 0) {
            return;
        }
        ArrayNode roles = JSON.createArrayNode();
        for (String name : names) {
            roles.add(json(expect(send(token, "GET", realmAdmin() + "/roles/" + encode(name), null), 200,
                    "read role " + name)));
        }
        expect(send(token, "POST", mappingUrl, roles), 204, "grant roles " + List.of(names));
    }

    private boolean ready() {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(
                    URI.create("http://" + Net.HOST + ":" + managementPort + "/health/ready"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private HttpResponse<String> post(String url, String form) {
        return call(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private HttpResponse<String> send(String token, String method, String url, JsonNode body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json");
            try {
                b.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return call(b.build());
    }

    private HttpResponse<String> call(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak: " + request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The body of a response with the expected status; the error names the step, never a secret. */
    private static String expect(HttpResponse<String> r, int status, String what) {
        if (r.statusCode() != status) {
            throw new IllegalStateException("Keycloak: " + what + ": HTTP " + r.statusCode() + " " + abbreviate(r.body()));
        }
        return r.body();
    }

    private static String accessToken(HttpResponse<String> r, String what) {
        return json(expect(r, 200, what)).path("access_token").asText();
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak answered no JSON", e);
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    private static String form(Map<String, String> fields) {
        return new LinkedHashMap<>(fields).entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The JDK we run on, a bounded heap, and none of the caller's Keycloak/Quarkus settings. */
    private static void environment(Map<String, String> env) {
        env.keySet().removeIf(k -> k.startsWith("KC_") || k.startsWith("KEYCLOAK_") || k.startsWith("QUARKUS_")
                || k.startsWith("JAVA_OPTS") || k.equals("JAVA_ADD_OPENS"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        // 2-core machines run it beside the whole stack: a modest heap whatever the machine's memory
        env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
    }

    // ---- the dist: unpacked and built once per home ----

    /** {@code <home>/keycloak-<version>}, unpacked and built for {@link #BUILD_OPTIONS}; one JVM at a time. */
    Path prepareDist() {
        Properties p = distProperties();
        String version = p.getProperty("keycloak.version");
        Path zip = zip(p);
        Dirs.create(home);
        Path dist = home.resolve("keycloak-" + version);
        try (FileChannel channel = FileChannel.open(home.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
            if (!Files.exists(dist.resolve(UNPACKED_MARKER))) {
                long t = System.nanoTime();
                unpack(zip, dist);
                LOG.info("Keycloak    unpacked {} into {} in {} ms", zip.getFileName(), dist, ms(t));
            }
            String wanted = "keycloak " + version + " build " + String.join(" ", BUILD_OPTIONS);
            Path marker = dist.resolve(BUILT_MARKER);
            if (!Files.exists(marker) || !Files.readString(marker).trim().equals(wanted)) {
                long t = System.nanoTime();
                Files.deleteIfExists(marker);
                build(dist);
                Files.writeString(marker, wanted + "\n");
                LOG.info("Keycloak    built ({}) in {} ms", String.join(" ", BUILD_OPTIONS), ms(t));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Keycloak in " + home, e);
        }
        return dist;
    }

    private static void build(Path dist) throws IOException {
        List<String> command = new ArrayList<>(List.of(dist.resolve("bin/kc.sh").toString(), "build"));
        command.addAll(BUILD_OPTIONS);
        Path log = dist.resolve("build.log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dist.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        environment(pb.environment());
        Process build = pb.start();
        try {
            if (!build.waitFor(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                build.destroyForcibly();
                throw new IllegalStateException("kc.sh build did not finish within " + READY_TIMEOUT.toSeconds()
                        + " s; log " + log);
            }
        } catch (InterruptedException e) {
            build.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building Keycloak", e);
        }
        if (build.exitValue() != 0) {
            throw new IllegalStateException("kc.sh build failed (exit " + build.exitValue() + "); log " + log
                    + ":\n" + tail(log));
        }
    }

    /** Extracts the zip's single top directory into {@code dist} (through a temporary sibling, so never half). */
    private static void unpack(Path zip, Path dist) throws IOException {
        Path tmp = Files.createTempDirectory(dist.getParent(), ".unpack-");
        try (ZipFile z = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = z.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String name = e.getName();
                int slash = name.indexOf('/');
                String relative = slash < 0 ? "" : name.substring(slash + 1);
                if (relative.isEmpty()) {
                    continue;
                }
                Path target = tmp.resolve(relative).normalize();
                if (!target.startsWith(tmp)) {
                    throw new IOException("zip entry outside its directory: " + name);
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = z.getInputStream(e)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                    if (relative.startsWith("bin/") && relative.endsWith(".sh")) {
                        target.toFile().setExecutable(true, false);
                    }
                }
            }
            Files.writeString(tmp.resolve(UNPACKED_MARKER), zip.getFileName() + "\n");
            Dirs.deleteQuietly(dist);
            Files.move(tmp, dist, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Dirs.deleteQuietly(tmp);
        }
    }

    private static Properties distProperties() {
        try (InputStream in = KeycloakServer.class.getResourceAsStream("keycloak.properties")) {
            if (in == null) {
                throw new IllegalStateException("io/lfp/localinfra/keycloak.properties missing from local-infra");
            }
            Properties p = new Properties();
            p.load(in);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read keycloak.properties", e);
        }
    }

    /** The dist zip in the local Maven repository, or -Dlfp.keycloak.zip. */
    private static Path zip(Properties p) {
        Path zip = Path.of(System.getProperty(ZIP_PROPERTY, p.getProperty("keycloak.zip")));
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("Keycloak dist not found at " + zip + " (set -D" + ZIP_PROPERTY
                    + "=... or run ./mvnw -pl local-infra package to download org.keycloak:keycloak-quarkus-dist)");
        }
        return zip;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log)";
        }
    }

    /** The database holds the realm's signing keys and password hashes: for the owner's eyes only. */
    private static void ownerOnly(Path dir) {
        try {
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict " + dir, e);
        }
    }

    private static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
            process = null;
        }
    }
}
