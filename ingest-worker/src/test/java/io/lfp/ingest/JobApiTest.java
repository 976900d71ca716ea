package io.lfp.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.security.testing.TestTokens;
import io.lfp.testing.Management;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The job API's answers to ids it does not know or cannot read, and the management endpoints. */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@WithTestResource(TestTokens.Resource.class)
class JobApiTest extends ChunkIngestTestBase {

    @Test
    void unknownAndMalformedIdsGetClearErrors() {
        String id = UUID.randomUUID().toString();
        asViewer().get("/api/jobs/{id}", id).then().statusCode(404).contentType("application/json")
                .body("error", equalTo("Not found"))
                .body("detail", equalTo("No ingest job for upload " + id));
        asViewer().get("/api/jobs/{id}", "nope").then().statusCode(400).contentType("application/json")
                .body("error", equalTo("Bad request"))
                .body("detail", equalTo("'nope' is not a valid upload id (expected a UUID)"));
    }

    @Test
    void healthMetricsAndOpenApiAreServed() {
        given().get(Management.url("/q/health/ready")).then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 's3' }.status", equalTo("UP"));
        given().get(Management.url("/q/metrics")).then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("lfp_ingest_rows_loaded_total"));
        given().get(Management.url("/q/openapi")).then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("/api/jobs/{id}"));
    }
}
