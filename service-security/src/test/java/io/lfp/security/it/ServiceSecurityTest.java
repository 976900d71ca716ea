package io.lfp.security.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.lfp.security.Roles;
import io.lfp.security.testing.EndpointRules;
import io.lfp.security.testing.SecurityHeaderChecks;
import io.lfp.security.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * The module in a small application: the role hierarchy, 401/403 bodies from JAX-RS endpoints and from a plain
 * route under an HTTP permission, and the security headers on both (the configured CSP).
 */
@QuarkusTest
@WithTestResource(TestTokens.Resource.class)
class ServiceSecurityTest {

    private static final String CSP = "default-src 'self'; connect-src 'self' http://127.0.0.1:8081";

    @Test
    void aHigherRoleHasEveryLowerOne() {
        given().header("Authorization", TestTokens.bearer("root", Roles.ADMIN)).when().get("/probe/roles")
                .then().statusCode(200).body(equalTo("admin,editor,uploader,viewer"));
        given().header("Authorization", TestTokens.bearer("up", Roles.UPLOADER, EndpointRules.OTHER_ROLE))
                .when().get("/probe/roles")
                .then().statusCode(200).body(equalTo("offline_access,uploader,viewer"));
    }

    @Test
    void jaxRsEndpointsAnswer401And403AsJson() {
        headers(given().when().get("/probe/editor").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer")).body(equalTo(EndpointRules.UNAUTHORIZED_BODY)));
        given().header("Authorization", "Bearer not-a-token").when().get("/probe/editor")
                .then().statusCode(401).body(equalTo(EndpointRules.UNAUTHORIZED_BODY));
        headers(given().header("Authorization", TestTokens.bearer("up", Roles.UPLOADER)).when().get("/probe/editor")
                .then().statusCode(403).body(equalTo(EndpointRules.FORBIDDEN_BODY)));
        given().header("Authorization", TestTokens.bearer("ed", Roles.EDITOR)).when().get("/probe/editor")
                .then().statusCode(200).body(equalTo("edited"));
    }

    @Test
    void anEndpointWithoutRolesIsRefused() {
        given().header("Authorization", TestTokens.bearer("root", Roles.ADMIN)).when().get("/probe/unannotated")
                .then().statusCode(403).body(equalTo(EndpointRules.FORBIDDEN_BODY));
    }

    /**
     * Outside JAX-RS, Quarkus answers an anonymous request with the mechanism's challenge itself (a bearer service:
     * 401 and WWW-Authenticate without a body; a web-app: the login redirect); a bad token and a too low role get
     * the JSON bodies.
     */
    @Test
    void aPlainRouteUnderAnHttpPermissionAnswersABadTokenAndATooLowRoleAsJson() {
        headers(given().when().get("/page/index.html").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer")).body(equalTo("")));
        given().header("Authorization", "Bearer not-a-token").when().get("/page/index.html")
                .then().statusCode(401).body(equalTo(EndpointRules.UNAUTHORIZED_BODY));
        headers(given().header("Authorization", TestTokens.bearer("up", Roles.UPLOADER)).when().get("/page/index.html")
                .then().statusCode(403).body(equalTo(EndpointRules.FORBIDDEN_BODY)));
        headers(given().header("Authorization", TestTokens.bearer("root", Roles.ADMIN)).when().get("/page/index.html")
                .then().statusCode(200).body(equalTo("<p>page</p>")));
    }

    private static void headers(ValidatableResponse answer) {
        SecurityHeaderChecks.assertSecurityHeaders(answer, CSP);
    }
}
