package io.lfp.dashboard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lfp.localinfra.LocalInfraTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every endpoint of the dashboard × (no credentials, a principal without a project role, a viewer), with the
 * exact status and body. The endpoints are read from the service's own OpenAPI document and from the page's
 * files, so an endpoint added without a rule here fails {@link #everyEndpointHasARule()}.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class RoleMatrixTest {

    /** What a viewer gets from an endpoint: its status and the start of its Content-Type. */
    record Rule(String path, int status, String contentType) {
    }

    /** Every endpoint ("GET /api/uploads/{id}") and an address that calls it. Every one needs viewer. */
    static final Map<String, Rule> RULES = new LinkedHashMap<>();

    static {
        RULES.put("GET /api/summary", new Rule("/api/summary", 200, "application/json"));
        RULES.put("GET /api/aggregates", new Rule("/api/aggregates?top=2", 200, "application/json"));
        RULES.put("GET /api/aggregates/table", new Rule("/api/aggregates/table", 200, "application/json"));
        RULES.put("GET /api/aggregates/{name}", new Rule("/api/aggregates/Widget", 200, "application/json"));
        RULES.put("GET /api/products", new Rule("/api/products", 200, "application/json"));
        RULES.put("GET /api/products/{sku}", new Rule("/api/products/SKU-001", 200, "application/json"));
        RULES.put("GET /api/uploads", new Rule("/api/uploads", 200, "application/json"));
        RULES.put("GET /api/uploads/{id}", new Rule("/api/uploads/" + Catalog.FIRST_UPLOAD, 200, "application/json"));
        RULES.put("GET /api/uploads/stream", new Rule("/api/uploads/stream", 200, "text/event-stream"));
        RULES.put("GET /api/config", new Rule("/api/config", 200, "application/json"));
        RULES.put("GET /api/session", new Rule("/api/session", 200, "application/json"));
        RULES.put("GET /", new Rule("/", 200, "text/html"));
        RULES.put("GET /index.html", new Rule("/index.html", 200, "text/html"));
        RULES.put("GET /dashboard.js", new Rule("/dashboard.js", 200, "text/javascript"));
        RULES.put("GET /dashboard.css", new Rule("/dashboard.css", 200, "text/css"));
        RULES.put("GET /favicon.svg", new Rule("/favicon.svg", 200, "image/svg+xml"));
    }

    static final String UNAUTHORIZED = """
            {"error":"Unauthorized","detail":"Log in, or send a bearer token of the OIDC provider"}""";
    static final String FORBIDDEN = """
            {"error":"Forbidden","detail":"This needs the role viewer"}""";

    /** The service's OpenAPI document: the list of its JSON endpoints. */
    static final String OPENAPI = "/q/openapi";

    @Inject
    ObjectMapper json;

    @BeforeAll
    static void data() {
        Catalog.load();
    }

    @Test
    void everyEndpointHasARule() throws IOException {
        Set<String> endpoints = new TreeSet<>();
        JsonNode paths = json.readTree(given().accept("application/json").get(OPENAPI).then().statusCode(200)
                .extract().asString()).get("paths");
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            path.getValue().fieldNames().forEachRemaining(method -> endpoints.add(method.toUpperCase() + " "
                    + path.getKey()));
        }
        endpoints.add("GET /");
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/META-INF/resources"))) {
            files.forEach(file -> endpoints.add("GET /" + file.getFileName()));
        }
        assertEquals(new TreeSet<>(RULES.keySet()), endpoints, "every endpoint needs a rule in RULES");
    }

    @Test
    void withoutCredentialsTheApiAnswers401AndThePageGoesToTheLogin() {
        for (Map.Entry<String, Rule> rule : RULES.entrySet()) {
            Response response = given().redirects().follow(false).get(rule.getValue().path());
            if (rule.getValue().path().startsWith("/api/")) {
                assertEquals(401, response.statusCode(), rule.getKey());
                assertJson(UNAUTHORIZED, response.asString(), rule.getKey());
            } else {
                assertEquals(302, response.statusCode(), rule.getKey());
                String location = response.header("Location");
                assertTrue(location.startsWith("http://127.0.0.1:9/realms/lfp/protocol/openid-connect/auth?"
                        + "response_type=code&client_id=lfp-dashboard&scope=openid&redirect_uri="), location);
                assertTrue(location.contains("&code_challenge_method=S256"), "PKCE: " + location);
                assertTrue(location.contains("&code_challenge="), "PKCE: " + location);
            }
        }
    }

    @Test
    void aBadBearerTokenIsRefused() {
        for (Map.Entry<String, Rule> rule : RULES.entrySet()) {
            if (rule.getValue().path().startsWith("/api/")) {
                Response response = given().redirects().follow(false).auth().oauth2("not-a-token")
                        .get(rule.getValue().path());
                assertEquals(401, response.statusCode(), rule.getKey());
                assertJson(UNAUTHORIZED, response.asString(), rule.getKey());
            }
        }
    }

    @Test
    @TestSecurity(user = "nobody", roles = "offline_access")
    void aPrincipalWithoutAProjectRoleGets403() {
        for (Map.Entry<String, Rule> rule : RULES.entrySet()) {
            Response response = given().redirects().follow(false).get(rule.getValue().path());
            assertEquals(403, response.statusCode(), rule.getKey());
            assertJson(FORBIDDEN, response.asString(), rule.getKey());
        }
    }

    @Test
    @TestSecurity(user = "vera", roles = "viewer")
    void aViewerGetsEveryAnswer() {
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Rule> entry : RULES.entrySet()) {
            Rule rule = entry.getValue();
            if (rule.contentType().equals("text/event-stream")) {
                try (SseClient stream = SseClient.open(rule.path())) {
                    assertEquals("uploads", stream.next(Duration.ofSeconds(30)).name(), entry.getKey());
                    assertTrue(stream.contentType().startsWith(rule.contentType()), entry.getKey());
                }
                continue;
            }
            Response response = given().redirects().follow(false).get(rule.path());
            if (response.statusCode() != rule.status()
                    || !String.valueOf(response.contentType()).startsWith(rule.contentType())) {
                failures.add(entry.getKey() + " answered " + response.statusCode() + " " + response.contentType());
            }
        }
        assertEquals(List.of(), failures);
        assertJson("""
                {"user":"vera","roles":["viewer"],"accessToken":null,"expiresAt":null}""",
                given().get("/api/session").asString(), "GET /api/session");
    }

    private void assertJson(String expected, String actual, String message) {
        try {
            assertEquals(json.readTree(expected), json.readTree(actual), message + ": " + actual);
        } catch (IOException e) {
            throw new AssertionError(message + ": not JSON: " + actual, e);
        }
    }
}
