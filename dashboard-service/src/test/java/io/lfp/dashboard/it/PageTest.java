package io.lfp.dashboard.it;

import io.lfp.localinfra.LocalInfraTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/** The web page, its assets and the ops endpoints are served. */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class PageTest {

    @Test
    void pageHasTheElementsBrowserTestsUse() {
        String html = given().get("/").then().statusCode(200).contentType(startsWith("text/html"))
                .extract().asString();
        for (String id : new String[] {"total-products", "total-names", "total-uploads", "cache-status",
                "top-names", "search", "products", "uploads"}) {
            org.junit.jupiter.api.Assertions.assertTrue(html.contains("id=\"" + id + "\""), "missing #" + id);
        }
        org.junit.jupiter.api.Assertions.assertFalse(html.contains("http://") || html.contains("https://"),
                "the page loads nothing from elsewhere");
    }

    @Test
    void scriptRendersDataAsTextOnly() {
        given().get("/dashboard.js").then().statusCode(200)
                .body(containsString("textContent"))
                .body(not(containsString(".innerHTML")))
                .body(containsString("Cache offline — showing live data from PostgreSQL"));
        given().get("/dashboard.css").then().statusCode(200).body(containsString("@media"));
    }

    @Test
    void opsEndpoints() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
        given().get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/products/{sku}"))
                .body(containsString("/api/summary"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
