package io.lfp.aggregate;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import org.junit.jupiter.api.Test;

import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.testing.Management;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Health, metrics, OpenAPI and Swagger UI: on the management interface, without login. */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class OpsEndpointsTest {

    @Test
    void readinessChecksTheDatabaseAndKafka() {
        given().when().get(Management.url("/q/health/ready"))
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Reactive PostgreSQL connections health check",
                        "Kafka connection health check", "SmallRye Reactive Messaging - readiness check"));
    }

    @Test
    void metricsAndOpenApiAreServed() {
        given().when().get(Management.url("/q/metrics")).then().statusCode(200)
                .body(containsString("lfp_aggregate_upload_counts_seconds_count"));
        given().when().get(Management.url("/q/openapi")).then().statusCode(200)
                .body(containsString("/api/aggregates/{name}"));
        given().when().get(Management.url("/q/swagger-ui/")).then().statusCode(200);
    }
}
