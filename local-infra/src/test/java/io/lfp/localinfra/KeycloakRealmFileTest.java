package io.lfp.localinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The realm file of the repository and what KeycloakServer sends to Keycloak from it (no server needed). */
class KeycloakRealmFileTest {

    @Test
    void theFileInTheRepositoryHoldsNoSecret() throws IOException {
        String file;
        try (InputStream in = KeycloakServer.class.getResourceAsStream("keycloak/lfp-realm.json")) {
            file = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertFalse(file.contains("\"secret\""), "client secrets come from the secrets file");
        assertFalse(file.contains("\"credentials\""), "passwords come from the secrets file");
    }

    @Test
    void theImportCarriesTheStacksSecretsAndTheDashboardsOrigins() {
        LocalSecrets secrets = LocalSecrets.random();
        KeycloakServer server = new KeycloakServer(Path.of("unused-home"), Path.of("unused-data"), 0, secrets,
                KeycloakServer.dashboardOrigins(8085));

        JsonNode realm = server.realmRepresentation();

        assertEquals("lfp", realm.path("realm").asText());
        assertEquals(KeycloakServer.ROLES, names(realm.at("/roles/realm"), "name"));
        assertEquals(List.of("lfp-dashboard", "lfp-cli"), names(realm.path("clients"), "clientId"));
        JsonNode dashboard = realm.path("clients").get(0);
        assertEquals(secrets.oidcClientSecret("lfp-dashboard"), dashboard.path("secret").asText());
        assertEquals(List.of("http://127.0.0.1:8085/*", "http://localhost:8085/*"),
                names(dashboard.path("redirectUris"), null));
        assertEquals(List.of("http://127.0.0.1:8085", "http://localhost:8085"), names(dashboard.path("webOrigins"), null));
        assertEquals("S256", dashboard.at("/attributes/pkce.code.challenge.method").asText());
        assertEquals("http://127.0.0.1:8085/*##http://localhost:8085/*",
                dashboard.at("/attributes/post.logout.redirect.uris").asText());
        assertTrue(dashboard.path("standardFlowEnabled").asBoolean());
        assertFalse(dashboard.path("directAccessGrantsEnabled").asBoolean());
        assertFalse(dashboard.path("implicitFlowEnabled").asBoolean());
        assertFalse(dashboard.path("serviceAccountsEnabled").asBoolean());
        assertFalse(dashboard.path("publicClient").asBoolean());
        JsonNode cli = realm.path("clients").get(1);
        assertEquals(secrets.oidcClientSecret("lfp-cli"), cli.path("secret").asText());
        assertTrue(cli.path("serviceAccountsEnabled").asBoolean());
        assertFalse(cli.path("standardFlowEnabled").asBoolean());
        assertFalse(cli.path("directAccessGrantsEnabled").asBoolean());
        assertFalse(cli.path("publicClient").asBoolean());

        JsonNode admin = realm.path("users").get(0);
        assertEquals("admin", admin.path("username").asText());
        assertEquals(List.of("admin"), names(admin.path("realmRoles"), null));
        assertEquals(secrets.oidcAdminPassword(), admin.at("/credentials/0/value").asText());
        assertFalse(admin.at("/credentials/0/temporary").asBoolean(true));
        JsonNode serviceAccount = realm.path("users").get(1);
        assertEquals("lfp-cli", serviceAccount.path("serviceAccountClientId").asText());
        assertEquals(List.of("uploader"), names(serviceAccount.path("realmRoles"), null));
    }

    private static List<String> names(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(field == null ? n.asText() : n.path(field).asText()));
        return out;
    }
}
