package io.lfp.aggregate.rest;

import static io.lfp.security.testing.EndpointRules.rule;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.security.Roles;
import io.lfp.security.testing.EndpointRules;
import io.lfp.security.testing.Endpoints;
import io.lfp.security.testing.SecurityHeaderChecks;
import io.lfp.security.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Who may read the counts: the role matrix of every endpoint (driven by the resource classes, so an endpoint
 * without a rule fails), the security headers, and nothing of /q on the API port. Real bearer tokens, verified by
 * the service (TestTokens).
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@WithTestResource(TestTokens.Resource.class)
class AggregateSecurityTest {

    private static final String UNKNOWN = "no-product-has-this-name";

    static final EndpointRules RULES = EndpointRules.of(
            rule("GET", "/api/aggregates", Roles.VIEWER)
                    .with(r -> r.queryParam("top", "0"))
                    .allowed(400, "{\"error\":\"Invalid parameter\",\"detail\":\"top must be between 1 and 1000\"}"),
            rule("GET", "/api/aggregates/{name}", Roles.VIEWER).at("/api/aggregates/" + UNKNOWN)
                    .allowed(404, "{\"error\":\"Name not found\",\"detail\":\"No product has the name '" + UNKNOWN
                            + "'\"}"));

    @Test
    void everyEndpointHasARule() {
        RULES.assertCovers(Endpoints.inPackage("io.lfp.aggregate.rest"));
    }

    @TestFactory
    Stream<DynamicTest> roleMatrix() {
        return RULES.tests();
    }

    @Test
    void aViewerReadsTheCounts() {
        given().header("Authorization", TestTokens.bearer("carol", Roles.VIEWER)).when().get("/api/aggregates")
                .then().statusCode(200).body("products", notNullValue());
    }

    @Test
    void everyAnswerHasTheSecurityHeaders() {
        String viewer = TestTokens.bearer("carol", Roles.VIEWER);
        for (var answer : List.of(
                given().when().get("/api/aggregates").then().statusCode(401),
                given().header("Authorization", viewer).when().get("/api/aggregates").then().statusCode(200),
                given().header("Authorization", viewer).when().get("/no/such/page").then().statusCode(404))) {
            SecurityHeaderChecks.assertSecurityHeaders(answer, SecurityHeaderChecks.DEFAULT_CSP);
        }
    }

    @Test
    void opsEndpointsAreNotOnTheApiPort() {
        String viewer = TestTokens.bearer("carol", Roles.VIEWER);
        for (String path : List.of("/q/health/ready", "/q/metrics", "/q/openapi", "/q/swagger-ui/")) {
            given().header("Authorization", viewer).when().get(path).then().statusCode(404);
        }
    }
}
