package io.lfp.ingest;

import static io.lfp.security.testing.EndpointRules.rule;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.security.Roles;
import io.lfp.security.testing.EndpointRules;
import io.lfp.security.testing.Endpoints;
import io.lfp.security.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * ingest-worker's role matrix: every endpoint of io.lfp.ingest.rest (read from the compiled resources, so a
 * new endpoint without a rule fails {@link #everyEndpointHasExactlyOneRule}) without a token (401), with a bad
 * token (401), with no project role and with the role just below (403, exact bodies), and with its role (the
 * normal answer). The rules run in order: the editor creates, reads, changes and deletes one product, and the
 * admin reads exactly that in the audit trail.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@WithTestResource(TestTokens.Resource.class)
class RoleMatrixTest {

    private static final String JSON = "application/json; charset=UTF-8";
    private static final String SKU = "matrix-" + UUID.randomUUID();
    private static final String UNKNOWN_JOB = UUID.randomUUID().toString();

    static final EndpointRules RULES = EndpointRules.of(
            rule("POST", "/api/products", Roles.EDITOR)
                    .with(r -> r.contentType(JSON).body("{\"sku\":\"" + SKU + "\",\"name\":\"Matrix\",\"description\":\"m\"}"))
                    .allowed(r -> r.statusCode(201).body("sku", equalTo(SKU)).body("name", equalTo("Matrix"))),
            rule("GET", "/api/products/{sku}", Roles.VIEWER).at("/api/products/" + SKU)
                    .allowed(r -> r.statusCode(200).body("sku", equalTo(SKU)).body("name", equalTo("Matrix"))),
            rule("PUT", "/api/products/{sku}", Roles.EDITOR).at("/api/products/" + SKU)
                    .with(r -> r.contentType(JSON).body("{\"name\":\"Renamed\",\"description\":\"r\"}"))
                    .allowed(r -> r.statusCode(200).body("sku", equalTo(SKU)).body("name", equalTo("Renamed"))),
            rule("DELETE", "/api/products/{sku}", Roles.EDITOR).at("/api/products/" + SKU)
                    .allowed(r -> r.statusCode(204).body(equalTo(""))),
            rule("GET", "/api/jobs/{id}", Roles.VIEWER).at("/api/jobs/" + UNKNOWN_JOB)
                    .allowed(404, "{\"error\":\"Not found\",\"detail\":\"No ingest job for upload " + UNKNOWN_JOB + "\"}"),
            rule("GET", "/api/audit/products", Roles.ADMIN).with(r -> r.queryParam("sku", SKU))
                    .allowed(r -> r.statusCode(200)
                            .body("action", equalTo(List.of("DELETED", "UPDATED", "CREATED")))
                            .body("principal", equalTo(List.of("matrix-editor", "matrix-editor", "matrix-editor")))
                            .body("after[0]", nullValue())
                            .body("after[1].name", equalTo("Renamed"))
                            .body("after[2].name", equalTo("Matrix"))));

    @Test
    void everyEndpointHasExactlyOneRule() {
        RULES.assertCovers(Endpoints.inPackage("io.lfp.ingest.rest"));
    }

    @TestFactory
    Stream<DynamicTest> roleMatrix() {
        return RULES.tests();
    }
}
