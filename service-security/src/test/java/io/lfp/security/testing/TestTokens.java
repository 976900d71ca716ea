package io.lfp.security.testing;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Bearer tokens for @QuarkusTests, signed with a key pair made for this JVM: the service verifies them with the
 * public key ({@link Resource} sets {@code quarkus.oidc.public-key}), so the real OIDC bearer path runs (roles from
 * {@code realm_access/roles}, the role hierarchy, 401 for a bad token) without a provider.
 */
public final class TestTokens {

    public static final String ISSUER = "lfp-test";
    private static final KeyPair KEYS = keys();

    private TestTokens() {
    }

    /** A token of this principal with these realm roles (none: a principal without any project role). */
    public static String token(String user, String... roles) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(user);
        claims.setClaim("preferred_username", user);
        claims.setClaim("realm_access", Map.of("roles", List.of(roles)));
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(60);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(KEYS.getPrivate());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The "Authorization" header value of {@link #token}. */
    public static String bearer(String user, String... roles) {
        return "Bearer " + token(user, roles);
    }

    /** The public key as quarkus.oidc.public-key takes it (base64 of its X.509 encoding). */
    public static String publicKey() {
        return Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded());
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Makes the service verify {@link TestTokens} instead of asking a provider. */
    public static class Resource implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("quarkus.oidc.public-key", publicKey(), "quarkus.oidc.token.issuer", ISSUER,
                    "quarkus.oidc.tenant-enabled", "true");
        }

        @Override
        public void stop() {
        }
    }
}
