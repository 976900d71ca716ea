package io.lfp.localinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The real Keycloak of the local run with the project's realm: one server for the class (about a minute to
 * start, plus the one-time unpack and build into target/keycloak-home), then a restart on the same data.
 * Tagged {@code keycloak}: {@code -DexcludedGroups=keycloak} leaves it out of a quick local run.
 */
@Tag("keycloak")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Shared by runs of this module (mvn clean removes it): the dist is unpacked and built only once. */
    private static final Path HOME = Path.of("target/keycloak-home");
    /** A client for the password grant, created here only: the realm's own clients do not allow it. */
    private static final String PASSWORD_CLIENT = "lfp-test-password";
    private static final String PASSWORD_CLIENT_SECRET = "test-password-client-secret";

    private static Path dir;
    private static Path secretsFile;
    private static KeycloakServer keycloak;

    @BeforeAll
    static void start() throws IOException {
        dir = Files.createTempDirectory("lfp-keycloak-test");
        secretsFile = dir.resolve("secrets.properties");
        keycloak = KeycloakServer.start(HOME, dir.resolve("data/keycloak"), 0, LocalSecrets.loadOrCreate(secretsFile),
                KeycloakServer.dashboardOrigins(8090));
    }

    @AfterAll
    static void stop() {
        if (keycloak != null) {
            keycloak.close();
        }
        Dirs.deleteQuietly(dir);
    }

    @Test
    @Order(1)
    void theCliClientGetsAnUploaderTokenFromTheRealmsIssuer() {
        String token = keycloak.clientCredentialsToken(KeycloakServer.CLI_CLIENT,
                keycloak.secrets().oidcClientSecret(KeycloakServer.CLI_CLIENT));

        JsonNode claims = claims(token);
        assertEquals("http://127.0.0.1:" + keycloak.port() + "/realms/lfp", claims.path("iss").asText());
        assertEquals(keycloak.issuerUrl(), claims.path("iss").asText());
        assertEquals(List.of("uploader"), strings(claims.at("/realm_access/roles")));
        assertEquals("service-account-lfp-cli", claims.path("preferred_username").asText());
        assertEquals("lfp-cli", claims.path("azp").asText());
        // the discovery document the services read names the same issuer
        assertEquals(keycloak.issuerUrl(),
                json(get(keycloak.issuerUrl() + "/.well-known/openid-configuration", 200)).path("issuer").asText());
    }

    @Test
    @Order(2)
    void aWrongClientSecretIsRefused() {
        HttpResponse<String> r = token(Map.of("grant_type", "client_credentials",
                "client_id", KeycloakServer.CLI_CLIENT, "client_secret", "not-the-secret"));

        assertEquals(401, r.statusCode());
        assertEquals("unauthorized_client", json(r.body()).path("error").asText());
        assertEquals("Invalid client or Invalid client credentials", json(r.body()).path("error_description").asText());
    }

    @Test
    @Order(3)
    void theRealmAdminLogsInWithRoleAdminAndNothingLeftToSetUp() {
        assertEquals(List.of("admin"), keycloak.realmRolesOf(KeycloakServer.REALM_ADMIN));
        createPasswordClient();

        // the password grant fails with "Account is not fully set up" while a required action is pending
        JsonNode claims = claims(passwordToken(KeycloakServer.REALM_ADMIN, keycloak.secrets().oidcAdminPassword()));

        assertEquals(List.of("admin"), strings(claims.at("/realm_access/roles")));
        assertEquals("admin", claims.path("preferred_username").asText());
        assertEquals(401, token(passwordForm(KeycloakServer.REALM_ADMIN, "wrong-password")).statusCode());
    }

    @Test
    @Order(4)
    void theDashboardClientUsesTheCodeFlowWithPkceAndOnlyItsRedirects() {
        JsonNode client = adminGet("/clients?clientId=lfp-dashboard").get(0);
        assertTrue(client.path("standardFlowEnabled").asBoolean());
        assertEquals(false, client.path("directAccessGrantsEnabled").asBoolean());
        assertEquals(false, client.path("serviceAccountsEnabled").asBoolean());
        assertEquals(false, client.path("publicClient").asBoolean());
        assertEquals("S256", client.at("/attributes/pkce.code.challenge.method").asText());
        assertEquals(List.of("http://127.0.0.1:8090/*", "http://localhost:8090/*"),
                strings(client.path("redirectUris")).stream().sorted().collect(Collectors.toList()));

        // the login page of a listed redirect answers; a foreign redirect is refused before any login
        String auth = keycloak.issuerUrl() + "/protocol/openid-connect/auth?client_id=lfp-dashboard"
                + "&response_type=code&scope=openid&code_challenge_method=S256"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&redirect_uri=";
        assertTrue(get(auth + encode("http://127.0.0.1:8090/"), 200).contains("kc-form-login"));
        assertEquals(400, send(HttpRequest.newBuilder(URI.create(auth + encode("http://evil.example/"))).GET())
                .statusCode());
        // the client secret is the one of the secrets file
        assertEquals(keycloak.secrets().oidcClientSecret("lfp-dashboard"),
                adminGet("/clients/" + client.path("id").asText() + "/client-secret").path("value").asText());
    }

    @Test
    @Order(5)
    void theAdminLogsInThroughTheLoginPageAndTheDashboardRedeemsTheCodeWithPkce() throws Exception {
        // a browser sends Keycloak's Secure cookies to http://127.0.0.1 (a secure context); java.net's
        // CookieManager would not, so this test keeps the cookies itself
        Map<String, String> cookies = new LinkedHashMap<>();
        String verifier = "a-code-verifier-of-at-least-43-characters-0123456789";
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                java.security.MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String redirect = "http://localhost:8090/callback";
        String authorize = keycloak.issuerUrl()
                + "/protocol/openid-connect/auth?client_id=lfp-dashboard&response_type=code&scope=openid&state=s1"
                + "&code_challenge_method=S256&code_challenge=" + challenge + "&redirect_uri=" + encode(redirect);
        HttpResponse<String> page = browse(HttpRequest.newBuilder(URI.create(authorize)).GET(), cookies);
        assertEquals(200, page.statusCode());
        java.util.regex.Matcher action = java.util.regex.Pattern.compile("action=\"([^\"]+)\"").matcher(page.body());
        assertTrue(action.find(), "a login form");

        HttpResponse<String> login = browse(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password="
                        + encode(keycloak.secrets().oidcAdminPassword()))),
                cookies);

        // straight back to the dashboard with a code: no "update your profile" or "verify your email" page between
        assertEquals(302, login.statusCode(), login.body());
        String code = code(login, redirect);
        Map<String, String> redeem = new LinkedHashMap<>(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", redirect, "client_id", "lfp-dashboard",
                "client_secret", keycloak.secrets().oidcClientSecret("lfp-dashboard")));
        assertEquals(400, token(redeem).statusCode(), "a code is only redeemed with its PKCE verifier");

        // the Keycloak session signs in again without the form; this code is redeemed with the verifier
        HttpResponse<String> again = browse(HttpRequest.newBuilder(URI.create(authorize)).GET(), cookies);
        assertEquals(302, again.statusCode(), again.body());
        redeem.put("code", code(again, redirect));
        redeem.put("code_verifier", verifier);
        HttpResponse<String> tokens = token(redeem);
        assertEquals(200, tokens.statusCode(), tokens.body());
        JsonNode claims = claims(json(tokens.body()).path("access_token").asText());
        assertEquals(keycloak.issuerUrl(), claims.path("iss").asText());
        assertEquals("admin", claims.path("preferred_username").asText());
        assertEquals(List.of("admin"), projectRoles(claims.at("/realm_access/roles")));
    }

    private static HttpResponse<String> browse(HttpRequest.Builder request, Map<String, String> cookies) {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        HttpResponse<String> r = send(request);
        for (String header : r.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0];
            int eq = pair.indexOf('=');
            cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return r;
    }

    private static String code(HttpResponse<String> redirectToClient, String redirect) {
        String location = redirectToClient.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(redirect + "?"), location);
        java.util.regex.Matcher code = java.util.regex.Pattern.compile("[?&]code=([^&]+)").matcher(location);
        assertTrue(code.find(), location);
        return code.group(1);
    }

    @Test
    @Order(6)
    void testsCreateUsersAndClientsWithARole() {
        keycloak.createUser("vera", "vera-password", "viewer");
        keycloak.createServiceClient("lfp-test-editor", "editor-secret", "editor");

        assertEquals(List.of("viewer"), keycloak.realmRolesOf("vera"));
        // a new user also gets Keycloak's default roles (offline_access, ...): of the project's roles, only viewer
        assertEquals(List.of("viewer"),
                projectRoles(claims(passwordToken("vera", "vera-password")).at("/realm_access/roles")));
        assertEquals(List.of("editor"),
                projectRoles(claims(keycloak.clientCredentialsToken("lfp-test-editor", "editor-secret"))
                        .at("/realm_access/roles")));
    }

    @Test
    @Order(7)
    void aRestartOnTheSameDataAppliesSecretsChangedInTheFile() throws IOException {
        String oldCliSecret = keycloak.secrets().oidcClientSecret(KeycloakServer.CLI_CLIENT);
        String oldAdminPassword = keycloak.secrets().oidcAdminPassword();
        keycloak.close();
        keycloak = null;
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(secretsFile)) {
            p.load(in);
        }
        p.setProperty("oidc.lfp-cli.secret", "changed-cli-secret");
        p.setProperty("oidc.admin.password", "changed-admin-password");
        try (var out = Files.newBufferedWriter(secretsFile)) {
            p.store(out, null);
        }

        keycloak = KeycloakServer.start(HOME, dir.resolve("data/keycloak"), 0, LocalSecrets.loadOrCreate(secretsFile),
                KeycloakServer.dashboardOrigins(8091));

        assertEquals(401, token(Map.of("grant_type", "client_credentials", "client_id", KeycloakServer.CLI_CLIENT,
                "client_secret", oldCliSecret)).statusCode());
        JsonNode cli = claims(keycloak.clientCredentialsToken(KeycloakServer.CLI_CLIENT, "changed-cli-secret"));
        assertEquals(List.of("uploader"), strings(cli.at("/realm_access/roles")));
        assertEquals(keycloak.issuerUrl(), cli.path("iss").asText());
        assertEquals(401, token(passwordForm(KeycloakServer.REALM_ADMIN, oldAdminPassword)).statusCode());
        assertEquals(List.of("admin"), strings(claims(passwordToken(KeycloakServer.REALM_ADMIN,
                "changed-admin-password")).at("/realm_access/roles")));
        // what was added before the restart is kept, and the new dashboard port is a valid redirect
        assertEquals(List.of("viewer"), keycloak.realmRolesOf("vera"));
        assertEquals(List.of("http://127.0.0.1:8091/*", "http://localhost:8091/*"),
                strings(adminGet("/clients?clientId=lfp-dashboard").get(0).path("redirectUris")).stream().sorted()
                        .collect(Collectors.toList()));
    }

    private static void createPasswordClient() {
        String body = "{\"clientId\":\"" + PASSWORD_CLIENT + "\",\"enabled\":true,\"publicClient\":false,"
                + "\"secret\":\"" + PASSWORD_CLIENT_SECRET + "\",\"standardFlowEnabled\":false,"
                + "\"directAccessGrantsEnabled\":true}";
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(keycloak.url() + "/admin/realms/lfp/clients"))
                .header("Authorization", "Bearer " + keycloak.adminToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(201, r.statusCode(), r.body());
    }

    private static String passwordToken(String username, String password) {
        HttpResponse<String> r = token(passwordForm(username, password));
        assertEquals(200, r.statusCode(), r.body());
        return json(r.body()).path("access_token").asText();
    }

    private static Map<String, String> passwordForm(String username, String password) {
        return Map.of("grant_type", "password", "client_id", PASSWORD_CLIENT, "client_secret", PASSWORD_CLIENT_SECRET,
                "username", username, "password", password, "scope", "openid");
    }

    private static HttpResponse<String> token(Map<String, String> form) {
        String body = new LinkedHashMap<>(form).entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(keycloak.issuerUrl() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static JsonNode adminGet(String path) {
        return json(send(HttpRequest.newBuilder(URI.create(keycloak.url() + "/admin/realms/lfp" + path))
                .header("Authorization", "Bearer " + keycloak.adminToken()).GET()).body());
    }

    private static String get(String url, int status) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url)).GET());
        assertEquals(status, r.statusCode(), url);
        return r.body();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The payload of a JWT (signature checks are the services' business; here: what Keycloak put in). */
    private static JsonNode claims(String jwt) {
        return json(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    private static List<String> projectRoles(JsonNode array) {
        List<String> all = strings(array);
        return KeycloakServer.ROLES.stream().filter(all::contains).collect(Collectors.toList());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
