package io.lfp.cli.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Bearer tokens of an OIDC client by the client-credentials grant ({@code ./lfp ingest} is client {@code lfp-cli},
 * role uploader). A token is kept until shortly before it expires, so a long upload or follow gets a fresh one;
 * a token a service rejected (401) is dropped and the next request fetches another.
 */
public final class ClientCredentials implements TokenSource {
    /** The launcher's own client in the project realm. */
    public static final String CLI_CLIENT_ID = "lfp-cli";
    /** Environment overrides for another provider (launcher/README.md). */
    public static final String TOKEN_URL_ENV = "LFP_OIDC_TOKEN_URL";
    public static final String CLIENT_ID_ENV = "LFP_CLI_CLIENT_ID";
    public static final String CLIENT_SECRET_ENV = "LFP_CLI_CLIENT_SECRET";
    /** A token is renewed this long before it expires: a request sent with it must still arrive in time. */
    static final Duration EARLY_RENEWAL = Duration.ofSeconds(30);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI tokenUrl;
    private final String clientId;
    private final String clientSecret;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private String token;
    private Instant renewAt = Instant.MIN;

    public ClientCredentials(URI tokenUrl, String clientId, String clientSecret) {
        this(tokenUrl, clientId, clientSecret, Clock.systemUTC());
    }

    ClientCredentials(URI tokenUrl, String clientId, String clientSecret, Clock clock) {
        this.tokenUrl = tokenUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.clock = clock;
    }

    /**
     * The launcher's client: {@code lfp-cli} at {@code <issuer>/protocol/openid-connect/token} (Keycloak's path) with
     * the secret {@code cliSecret}; {@code env} (LFP_OIDC_TOKEN_URL, LFP_CLI_CLIENT_ID, LFP_CLI_CLIENT_SECRET)
     * overrides each for another provider. {@code issuer} and {@code cliSecret} are only asked for when the
     * environment has no value in their place.
     */
    public static ClientCredentials forCli(Supplier<String> issuer, Supplier<String> cliSecret,
            Function<String, String> env) {
        String url = nonBlank(env.apply(TOKEN_URL_ENV));
        String id = nonBlank(env.apply(CLIENT_ID_ENV));
        String secret = nonBlank(env.apply(CLIENT_SECRET_ENV));
        return new ClientCredentials(
                URI.create(url != null ? url : tokenUrlOf(issuer.get())),
                id != null ? id : CLI_CLIENT_ID,
                secret != null ? secret : cliSecret.get());
    }

    /** Keycloak's token endpoint of the realm with issuer {@code issuer}. */
    public static String tokenUrlOf(String issuer) {
        return issuer.replaceAll("/+$", "") + "/protocol/openid-connect/token";
    }

    public URI tokenUrl() {
        return tokenUrl;
    }

    public String clientId() {
        return clientId;
    }

    @Override
    public synchronized String token() {
        if (token == null || !clock.instant().isBefore(renewAt)) {
            fetch();
        }
        return token;
    }

    @Override
    public synchronized void rejected(String rejected) {
        if (rejected != null && rejected.equals(token)) {
            token = null;
        }
    }

    private void fetch() {
        // client_secret_basic: the one client authentication every provider must support (RFC 6749 2.3.1)
        String form = "grant_type=client_credentials";
        HttpRequest request = HttpRequest.newBuilder(tokenUrl).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (encode(clientId) + ":" + encode(clientSecret)).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reach the login provider at " + tokenUrl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while getting a token", e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("The login provider refused client " + clientId + " (" + response.statusCode()
                    + " from " + tokenUrl + ")" + providerError(response.body()));
        }
        JsonNode json = readJson(response.body());
        String accessToken = json.path("access_token").asText(null);
        if (accessToken == null) {
            throw new IllegalStateException("The login provider at " + tokenUrl + " answered without an access_token");
        }
        long expiresIn = json.path("expires_in").asLong(60);
        Instant now = clock.instant();
        token = accessToken;
        // a token shorter-lived than the margin is still used once, then renewed
        renewAt = now.plusSeconds(Math.max(expiresIn / 2, expiresIn - EARLY_RENEWAL.toSeconds()));
    }

    /** The provider's own error name (e.g. "unauthorized_client"), never the request's secret. */
    private static String providerError(String body) {
        Map<?, ?> error;
        try {
            error = JSON.readValue(body, Map.class);
        } catch (IOException | RuntimeException e) {
            return "";
        }
        Object name = error.get("error");
        Object description = error.get("error_description");
        return name == null ? "" : ": " + name + (description == null ? "" : " — " + description);
    }

    private static JsonNode readJson(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("The login provider answered no JSON", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
