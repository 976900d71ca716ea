package io.lfp.dashboard.it;

import static io.lfp.security.testing.EndpointRules.rule;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.security.Roles;
import io.lfp.security.testing.Endpoint;
import io.lfp.security.testing.EndpointRules;
import io.lfp.security.testing.Endpoints;
import io.lfp.security.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * Who may call what. The JSON API: every endpoint of the rest package × (no token, a bad token, a token without
 * a project role, a viewer) with the exact status and body, with real bearer tokens the service checks
 * (service-security's role matrix). The page: every file the page is made of × (no login → the provider's login
 * page with PKCE, no project role → 403, viewer → the file). Both lists are read from the service itself (its
 * resource classes, its page files), so an endpoint or file without a rule fails.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@WithTestResource(ServiceTenantTokens.class)
class RoleMatrixTest {

    private static final String UNKNOWN = "00000000-0000-0000-0000-000000000000";

    /** The live stream never ends for a viewer: its matrix is {@link #theLiveStreamsRoleMatrix()}. */
    static final EndpointRules.Rule STREAM = rule("GET", "/api/uploads/stream", Roles.VIEWER);

    /** Every other JSON endpoint needs viewer; a viewer gets the answer (an unknown id: its exact 404). */
    static final EndpointRules API = EndpointRules.of(
            rule("GET", "/api/summary", Roles.VIEWER)
                    .allowed(r -> r.statusCode(200).body("products", equalTo(8)).body("uploads", equalTo(2))),
            rule("GET", "/api/aggregates", Roles.VIEWER).at("/api/aggregates?top=1")
                    .allowed(r -> r.statusCode(200).body("items[0].name", equalTo("Widget"))),
            rule("GET", "/api/aggregates/table", Roles.VIEWER)
                    .allowed(r -> r.statusCode(200).body("total", equalTo(4))),
            rule("GET", "/api/aggregates/{name}", Roles.VIEWER).at("/api/aggregates/Nobody")
                    .allowed(404, "{\"error\":\"Name not found\",\"detail\":\"No products named 'Nobody'\"}"),
            rule("GET", "/api/products", Roles.VIEWER)
                    .allowed(r -> r.statusCode(200).body("items", instanceOf(List.class)).body("total", equalTo(8))),
            rule("GET", "/api/products/{sku}", Roles.VIEWER).at("/api/products/NOPE")
                    .allowed(404, "{\"error\":\"Product not found\",\"detail\":\"No product with sku 'NOPE'\"}"),
            rule("GET", "/api/uploads", Roles.VIEWER)
                    .allowed(r -> r.statusCode(200).body("items.uploadedBy", equalTo(List.of("bob", "alice")))),
            rule("GET", "/api/uploads/{id}", Roles.VIEWER).at("/api/uploads/" + UNKNOWN)
                    .allowed(404, "{\"error\":\"Upload not found\",\"detail\":\"No upload with id '" + UNKNOWN + "'\"}"),
            rule("GET", "/api/config", Roles.VIEWER)
                    .allowed(200, "{\"uploadServiceUrl\":\"http://127.0.0.1:8081\"}"),
            rule("GET", "/api/session", Roles.VIEWER)
                    .allowed(200, "{\"user\":\"matrix-viewer\",\"roles\":[\"viewer\"],\"accessToken\":null,"
                            + "\"expiresAt\":null}"));

    /** The page's files (and /), with the Content-Type a viewer gets. */
    static final Map<String, String> PAGE = new TreeMap<>(Map.of(
            "/", "text/html",
            "/index.html", "text/html",
            "/dashboard.js", "text/javascript",
            "/dashboard.css", "text/css",
            "/favicon.svg", "image/svg+xml"));

    @BeforeAll
    static void data() {
        Catalog.load();
    }

    @Test
    void everyEndpointHasARule() {
        List<Endpoint> endpoints = new ArrayList<>(Endpoints.inPackage("io.lfp.dashboard.rest"));
        assertTrue(endpoints.remove(STREAM.endpoint()), "the live stream is an endpoint: " + endpoints);
        API.assertCovers(endpoints);
    }

    @TestFactory
    Stream<DynamicTest> apiRoleMatrix() {
        return API.tests();
    }

    @Test
    void everyFileOfThePageHasARule() throws IOException {
        TreeSet<String> files = new TreeSet<>();
        files.add("/");
        try (Stream<Path> list = Files.list(Path.of("src/main/resources/META-INF/resources"))) {
            list.forEach(file -> files.add("/" + file.getFileName()));
        }
        assertEquals(files, PAGE.keySet(), "every file of the page needs a rule in PAGE");
    }

    @Test
    void withoutALoginThePageGoesToTheProvidersLoginPage() {
        for (String path : PAGE.keySet()) {
            Response response = given().redirects().follow(false).get(path);
            assertEquals(302, response.statusCode(), path);
            String location = response.header("Location");
            assertTrue(location.startsWith("http://127.0.0.1:9/realms/lfp/protocol/openid-connect/auth?"
                    + "response_type=code&client_id=lfp-dashboard&scope=openid&redirect_uri="), location);
            assertTrue(location.contains("&code_challenge_method=S256") && location.contains("&code_challenge="),
                    "PKCE: " + location);
            assertTrue(response.header("Set-Cookie").toLowerCase(Locale.ROOT).contains("; httponly"),
                    "the login's state cookie: "
                            + response.header("Set-Cookie"));
        }
    }

    @Test
    @TestSecurity(user = "nobody", roles = EndpointRules.OTHER_ROLE)
    void aLoginWithoutAProjectRoleGets403() {
        for (String path : PAGE.keySet()) {
            given().redirects().follow(false).get(path).then().statusCode(403)
                    .body(equalTo(EndpointRules.FORBIDDEN_BODY));
        }
    }

    @Test
    @TestSecurity(user = "vera", roles = Roles.VIEWER)
    void aViewerGetsThePage() {
        List<String> failures = new ArrayList<>();
        PAGE.forEach((path, type) -> {
            Response response = given().redirects().follow(false).get(path);
            if (response.statusCode() != 200 || !String.valueOf(response.contentType()).startsWith(type)) {
                failures.add(path + " answered " + response.statusCode() + " " + response.contentType());
            }
        });
        assertEquals(List.of(), failures);
    }

    /** The same four cases as the API matrix, for the endless stream, read as a browser's EventSource does. */
    @Test
    void theLiveStreamsRoleMatrix() throws Exception {
        HttpResponse<String> none = streamAnswer(null);
        assertEquals(401, none.statusCode());
        assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"), none.headers()
                .toString());
        assertEquals(EndpointRules.UNAUTHORIZED_BODY, none.body());
        HttpResponse<String> bad = streamAnswer("Bearer not-a-token");
        assertEquals(401, bad.statusCode());
        assertEquals(EndpointRules.UNAUTHORIZED_BODY, bad.body());
        HttpResponse<String> noRole = streamAnswer(TestTokens.bearer("matrix-nobody", EndpointRules.OTHER_ROLE));
        assertEquals(403, noRole.statusCode());
        assertEquals(EndpointRules.FORBIDDEN_BODY, noRole.body());
        try (SseClient stream = SseClient.open(STREAM.target(), TestTokens.bearer("matrix-viewer", Roles.VIEWER))) {
            assertEquals("uploads", stream.next(Duration.ofSeconds(30)).name());
            assertTrue(stream.contentType().startsWith("text/event-stream"), stream.contentType());
        }
    }

    /** A refused stream request: it ends, with its whole body. */
    private static HttpResponse<String> streamAnswer(String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port
                + STREAM.target())).header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The headers the page relies on: its CSP names upload-service and the provider, nothing inline. */
    @Test
    @TestSecurity(user = "vera", roles = Roles.VIEWER)
    void thePageIsServedWithItsContentSecurityPolicy() {
        given().get("/").then().statusCode(200)
                .header("Content-Security-Policy", equalTo("default-src 'self'; script-src 'self'; "
                        + "style-src 'self'; img-src 'self'; connect-src 'self' http://127.0.0.1:8081; "
                        + "frame-ancestors 'none'; base-uri 'self'; form-action 'self' http://127.0.0.1:9/realms/lfp/"))
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY");
    }
}
