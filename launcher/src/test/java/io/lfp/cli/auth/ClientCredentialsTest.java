package io.lfp.cli.auth;

import static io.lfp.cli.StandInServer.answer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lfp.cli.StandInServer;

/** The launcher's client-credentials tokens against a stand-in token endpoint speaking OAuth 2's JSON. */
class ClientCredentialsTest {
    @AutoClose
    private final StandInServer server = new StandInServer();
    private URI tokenUrl;
    private final AtomicInteger issued = new AtomicInteger();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    @BeforeEach
    void startStandIn() {
        String path = "/realms/lfp/protocol/openid-connect/token";
        server.on(path, exchange -> {
            requests.add(exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            answer(exchange, status, status == 200
                    ? "{\"access_token\":\"t" + issued.incrementAndGet() + "\",\"expires_in\":300,\"token_type\":\"Bearer\"}"
                    : "{\"error\":\"unauthorized_client\",\"error_description\":\"Invalid client or Invalid client credentials\"}");
        });
        tokenUrl = server.start().uri(path);
    }

    @Test
    void keepsATokenUntilShortlyBeforeItExpiresAndDropsARejectedOne() {
        MutableClock clock = new MutableClock();
        ClientCredentials tokens = new ClientCredentials(tokenUrl, "lfp-cli", "s3cr:t", clock);

        assertEquals("t1", tokens.token());
        assertEquals(List.of("Basic " + Base64.getEncoder().encodeToString("lfp-cli:s3cr%3At".getBytes(StandardCharsets.UTF_8))
                + " grant_type=client_credentials"), requests);
        clock.now = clock.now.plusSeconds(269);
        assertEquals("t1", tokens.token(), "still 31 s left of 300");
        clock.now = clock.now.plusSeconds(1);
        assertEquals("t2", tokens.token(), "30 s before it expires a new one is fetched");

        tokens.rejected("t1");
        assertEquals("t2", tokens.token(), "an older token's rejection does not drop the current one");
        tokens.rejected("t2");
        assertEquals("t3", tokens.token());
        assertEquals(3, requests.size());
    }

    @Test
    void aRefusedClientIsNamedWithTheProvidersReasonButNotItsSecret() {
        status = 401;
        ClientCredentials tokens = new ClientCredentials(tokenUrl, "lfp-cli", "the-secret-value");
        IllegalStateException refused = assertThrows(IllegalStateException.class, tokens::token);
        assertEquals("The login provider refused client lfp-cli (401 from " + tokenUrl
                + "): unauthorized_client — Invalid client or Invalid client credentials", refused.getMessage());
        assertFalse(refused.getMessage().contains("the-secret-value"));
    }

    @Test
    void theCliClientIsKeycloaksTokenEndpointOfTheIssuerUnlessTheEnvironmentNamesAnother() {
        ClientCredentials local = ClientCredentials.forCli(() -> "http://127.0.0.1:18080/realms/lfp/",
                () -> "from-secrets-file", Map.<String, String> of()::get);
        assertEquals(URI.create("http://127.0.0.1:18080/realms/lfp/protocol/openid-connect/token"), local.tokenUrl());
        assertEquals("lfp-cli", local.clientId());

        ClientCredentials other = ClientCredentials.forCli(
                () -> {
                    throw new AssertionError("the issuer is not needed");
                },
                () -> {
                    throw new AssertionError("the secrets file is not needed");
                },
                Map.of("LFP_OIDC_TOKEN_URL", tokenUrl.toString(), "LFP_CLI_CLIENT_ID", "batch-loader",
                        "LFP_CLI_CLIENT_SECRET", "okta-secret")::get);
        assertEquals(tokenUrl, other.tokenUrl());
        assertEquals("batch-loader", other.clientId());
        assertEquals("t1", other.token());
        assertEquals("Basic " + Base64.getEncoder().encodeToString("batch-loader:okta-secret".getBytes(StandardCharsets.UTF_8))
                + " grant_type=client_credentials", requests.get(0));
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-12-07T16:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
