package io.lfp.upload.rest;

import static io.lfp.security.testing.EndpointRules.rule;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;

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
import io.lfp.testing.Management;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Who may call what: the role matrix of every endpoint (driven by the resource classes, so an endpoint without a
 * rule fails), the upload's own uploader or an admin for its retry and rejected rows, the security headers, and
 * health and metrics only on the management interface. Real bearer tokens, verified by the service (TestTokens).
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@WithTestResource(TestTokens.Resource.class)
class UploadSecurityTest {

    private static final String UNKNOWN = "00000000-0000-0000-0000-000000000000";
    private static final String NOT_FOUND = "{\"error\":\"Upload not found\",\"detail\":\"No upload with id " + UNKNOWN
            + "\"}";

    static final EndpointRules RULES = EndpointRules.of(
            rule("POST", "/api/uploads", Roles.UPLOADER)
                    .with(r -> r.contentType("text/csv").body(new byte[0]))
                    .allowed(400, "{\"error\":\"Empty file\",\"detail\":\"The file has no header line; expected "
                            + "'name,sku,description'\"}"),
            rule("POST", "/api/uploads", Roles.UPLOADER)
                    .with(r -> r.multiPart("other", "x"))
                    .allowed(400, "{\"error\":\"Missing file\",\"detail\":\"The multipart form has no 'file' field\"}"),
            rule("GET", "/api/uploads", Roles.VIEWER)
                    .allowed(r -> r.statusCode(200).body("$", instanceOf(List.class))),
            rule("GET", "/api/uploads/{id}", Roles.VIEWER).at("/api/uploads/" + UNKNOWN).allowed(404, NOT_FOUND),
            rule("POST", "/api/uploads/{id}/retry", Roles.UPLOADER).at("/api/uploads/" + UNKNOWN + "/retry")
                    .allowed(404, NOT_FOUND),
            rule("GET", "/api/uploads/{id}/rejected", Roles.UPLOADER).at("/api/uploads/" + UNKNOWN + "/rejected")
                    .allowed(404, NOT_FOUND));

    @Test
    void everyEndpointHasARule() {
        RULES.assertCovers(Endpoints.inPackage("io.lfp.upload.rest"));
    }

    @TestFactory
    Stream<DynamicTest> roleMatrix() {
        return RULES.tests();
    }

    @Test
    void onlyTheUploaderOrAnAdminMayRetryAnUploadOrReadItsRejectedRows() {
        String id = given().header("Authorization", TestTokens.bearer("alice", Roles.UPLOADER))
                .contentType("text/csv").queryParam("filename", "mine.csv").body("name,sku,description\r\nBob,b-1,thing\r\n")
                .when().post("/api/uploads").then().statusCode(202).extract().path("id");
        given().header("Authorization", TestTokens.bearer("carol", Roles.VIEWER)).when().get("/api/uploads/" + id)
                .then().statusCode(200).body("uploadedBy", equalTo("alice"));

        String forbidden = "{\"error\":\"Forbidden\",\"detail\":\"Only the principal who made upload " + id
                + ", or an admin, may retry it or read its rejected rows\"}";
        for (String role : List.of(Roles.UPLOADER, Roles.EDITOR)) {
            String bob = TestTokens.bearer("bob", role);
            given().header("Authorization", bob).when().get("/api/uploads/" + id + "/rejected")
                    .then().statusCode(403).body(equalTo(forbidden));
            given().header("Authorization", bob).when().post("/api/uploads/" + id + "/retry")
                    .then().statusCode(403).body(equalTo(forbidden));
        }

        for (String owner : List.of(TestTokens.bearer("alice", Roles.UPLOADER), TestTokens.bearer("root", Roles.ADMIN))) {
            given().header("Authorization", owner).when().get("/api/uploads/" + id + "/rejected")
                    .then().statusCode(200).body(equalTo("record_number,line_number,reason,raw_text\r\n"));
            // allowed, and refused for what the upload is: not FAILED
            given().header("Authorization", owner).when().post("/api/uploads/" + id + "/retry")
                    .then().statusCode(409).body("error", equalTo("Upload not failed"));
        }
    }

    @Test
    void everyAnswerHasTheSecurityHeaders() {
        String viewer = TestTokens.bearer("carol", Roles.VIEWER);
        for (var answer : List.of(
                given().when().get("/api/uploads").then().statusCode(401),
                given().header("Authorization", viewer).when().get("/api/uploads").then().statusCode(200),
                given().header("Authorization", viewer).when().get("/no/such/page").then().statusCode(404))) {
            SecurityHeaderChecks.assertSecurityHeaders(answer, SecurityHeaderChecks.DEFAULT_CSP);
        }
    }

    @Test
    void healthMetricsAndOpenApiAreOnTheManagementInterfaceWithoutLogin() {
        given().when().get(Management.url("/q/health/ready")).then().statusCode(200).body("status", equalTo("UP"));
        given().when().get(Management.url("/q/metrics")).then().statusCode(200);
        given().when().get(Management.url("/q/openapi")).then().statusCode(200);
        given().when().get(Management.url("/q/swagger-ui/")).then().statusCode(200);
        String viewer = TestTokens.bearer("carol", Roles.VIEWER);
        for (String path : List.of("/q/health/ready", "/q/metrics", "/q/openapi", "/q/swagger-ui/")) {
            given().header("Authorization", viewer).when().get(path).then().statusCode(404);
        }
    }
}
