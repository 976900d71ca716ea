package io.lfp.dashboard.it;

import java.util.Map;

import io.lfp.security.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The dashboard's "service" tenant (API clients' bearer tokens on /api/**) checks {@link TestTokens} with their
 * public key instead of asking a provider, so the role matrix runs the real bearer path. The default tenant keeps
 * its code flow, whose redirect needs no provider either.
 */
public class ServiceTenantTokens implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        // without a provider address the tenant verifies tokens with the key alone (no introspection)
        return Map.of("quarkus.oidc.service.auth-server-url", "",
                "quarkus.oidc.service.introspection-path", "",
                "quarkus.oidc.service.public-key", TestTokens.publicKey(),
                "quarkus.oidc.service.token.issuer", TestTokens.ISSUER);
    }

    @Override
    public void stop() {
    }
}
