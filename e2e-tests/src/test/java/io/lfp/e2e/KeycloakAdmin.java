package io.lfp.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one admin REST call the end-to-end tests add to local-infra's {@code KeycloakServer} (which creates users and
 * clients): each test stack's dashboard, on its own free port, registered as a redirect URI and web origin of the
 * shared Keycloak's {@code lfp-dashboard} client, as Keycloak's own administrator ({@code admin} of the master
 * realm, password {@code keycloak.admin.password} of the secrets).
 */
final class KeycloakAdmin {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final String realm;
    private final String adminPassword;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param issuer the realm's issuer, e.g. {@code http://127.0.0.1:18080/realms/lfp}
     * @param adminPassword the master realm administrator's password
     */
    KeycloakAdmin(String issuer, String adminPassword) {
        int realms = issuer.lastIndexOf("/realms/");
        this.base = URI.create(issuer.substring(0, realms));
        this.realm = issuer.substring(realms + "/realms/".length()).replaceAll("/+$", "");
        this.adminPassword = adminPassword;
    }

    /** The realm's issuer URL. */
    String issuer() {
        return base + "/realms/" + realm;
    }

    /** Adds redirect URIs and web origins to a client (e.g. a test stack's dashboard on its free port). */
    synchronized void addRedirects(String clientId, Collection<String> redirectUris, Collection<String> webOrigins) {
        String token = adminToken();
        String id = clientUuid(token, clientId);
        if (id == null) {
            throw new IllegalStateException("realm " + realm + " has no client " + clientId);
        }
        ObjectNode client = (ObjectNode) send(token, "GET", "/clients/" + id, null, 200);
        client.set("redirectUris", union(client.path("redirectUris"), redirectUris));
        client.set("webOrigins", union(client.path("webOrigins"), webOrigins));
        JsonNode postLogout = client.path("attributes").path("post.logout.redirect.uris");
        if (client.path("attributes").isObject()) {
            Set<String> uris = new LinkedHashSet<>();
            if (!postLogout.asText("").isBlank()) {
                uris.addAll(List.of(postLogout.asText().split("##")));
            }
            uris.addAll(redirectUris);
            ((ObjectNode) client.path("attributes")).put("post.logout.redirect.uris", String.join("##", uris));
        }
        send(token, "PUT", "/clients/" + id, client, 204);
    }

    private String clientUuid(String token, String clientId) {
        JsonNode clients = send(token, "GET", "/clients?clientId=" + enc(clientId), null, 200);
        return clients.size() == 0 ? null : clients.get(0).path("id").asText();
    }

    private static ArrayNode union(JsonNode existing, Collection<String> more) {
        Set<String> all = new LinkedHashSet<>();
        existing.forEach(node -> all.add(node.asText()));
        all.addAll(more);
        ArrayNode array = JSON.createArrayNode();
        all.forEach(array::add);
        return array;
    }

    /** A fresh token of the master realm's administrator (they live a minute: one per batch of calls). */
    private String adminToken() {
        String form = "grant_type=password&client_id=admin-cli&username=admin&password=" + enc(adminPassword);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/realms/master/protocol/openid-connect/token"))
                .timeout(TIMEOUT).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        JsonNode answer = exchange(request, 200);
        return answer.path("access_token").asText();
    }

    private JsonNode send(String token, String method, String path, JsonNode body, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/admin/realms/" + realm + path))
                .timeout(TIMEOUT).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString()));
        return exchange(request.build(), expected);
    }

    private JsonNode exchange(HttpRequest request, int expected) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                        + response.statusCode() + " (expected " + expected + "): " + response.body());
            }
            return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
