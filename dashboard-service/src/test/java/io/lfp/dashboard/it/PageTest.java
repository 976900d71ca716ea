package io.lfp.dashboard.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.testing.Management;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** The web page, its assets and the ops endpoints are served. */
@QuarkusTest
@TestSecurity(user = "tester", roles = "viewer")
@WithTestResource(LocalInfraTestResource.class)
class PageTest {

    /** The ids the browser test (e2e-tests) drives the page by. */
    private static final String[] IDS = { "total-products", "total-names", "total-uploads", "refreshed-at",
            "cache-status", "stream-status", "top-names-chart", "top-n", "name-lookup", "name-lookup-go",
            "name-lookup-result", "aggregates-filter", "aggregates-table", "sort-by-name", "sort-by-count",
            "aggregates-prev", "aggregates-next", "aggregates-page", "product-search", "product-page-size",
            "products-table", "products-prev", "products-next", "products-page", "product-detail", "uploads-table",
            "upload-form", "upload-file", "upload-drop", "upload-submit", "upload-progress", "upload-status",
            "live-job", "live-state", "live-progress", "live-rows", "live-rate", "live-eta", "user-name", "user-role", "logout",
            "upload-denied" };

    @Test
    void pageHasTheElementsBrowserTestsUse() {
        String html = given().get("/").then().statusCode(200).contentType(startsWith("text/html"))
                .extract().asString();
        for (String id : IDS) {
            assertTrue(html.contains("id=\"" + id + "\""), "missing #" + id);
        }
        assertTrue(html.contains("<select id=\"product-page-size\">"));
        for (String size : new String[] { "10", "20", "50", "100" }) {
            assertTrue(html.contains("<option value=\"" + size + "\""), "page size " + size);
        }
    }

    @Test
    void nothingIsLoadedFromElsewhere() {
        for (String asset : new String[] { "/", "/dashboard.js", "/dashboard.css" }) {
            String text = given().get(asset).then().statusCode(200).extract().asString();
            assertFalse(text.contains("http://") || text.contains("https://") || text.contains("//cdn"),
                    asset + " names another host");
        }
    }

    @Test
    void scriptRendersDataAsTextOnly() {
        given().get("/dashboard.js").then().statusCode(200)
                .body(containsString("textContent"))
                .body(not(containsString("innerHTML")))
                .body(not(containsString("outerHTML")))
                .body(not(containsString("insertAdjacentHTML")))
                .body(not(containsString("document.write")))
                .body(containsString("new EventSource('/api/uploads/stream')"))
                .body(containsString("upload.onprogress"));
        given().get("/").then().body(containsString("Cache offline — showing live data from PostgreSQL"));
        given().get("/dashboard.css").then().statusCode(200).body(containsString("@media"));
    }

    /** The page works under a Content-Security-Policy without 'unsafe-inline': no inline script or style. */
    @Test
    void nothingInlineForTheContentSecurityPolicy() {
        String html = given().get("/").then().statusCode(200).extract().asString();
        assertFalse(html.contains("style="), "a style attribute");
        assertFalse(html.contains("<style"), "a style element");
        assertFalse(Pattern.compile("<script(?![^>]*\\bsrc=)").matcher(html).find(), "an inline script");
        assertFalse(Pattern.compile("\\son[a-z]+=").matcher(html).find(), "an inline event handler");
        assertFalse(html.contains("data:"), "a data: address (CSP allows 'self' only)");
        String script = given().get("/dashboard.js").then().statusCode(200).extract().asString();
        assertFalse(script.contains("setAttribute('style'"), "a style attribute set from the script");
        assertFalse(script.contains("cssText"), "inline style text set from the script");
        assertFalse(script.contains("localStorage") || script.contains("sessionStorage"), "the token in storage");
    }

    /** Health, metrics, OpenAPI and Swagger UI answer on the management interface, without login; not here. */
    @Test
    void opsEndpointsAreOnTheManagementInterfaceOnly() {
        given().get(Management.url("/q/health/ready")).then().statusCode(200).body("status", equalTo("UP"));
        given().get(Management.url("/q/metrics")).then().statusCode(200).body(containsString("jvm_"))
                .body(containsString("dashboard_stream_clients"));
        given().get(Management.url("/q/openapi")).then().statusCode(200)
                .body(containsString("/api/products/{sku}"))
                .body(containsString("/api/summary"))
                .body(containsString("/api/aggregates/table"))
                .body(containsString("/api/aggregates/{name}"))
                .body(containsString("/api/uploads/{id}"))
                .body(containsString("/api/uploads/stream"))
                .body(containsString("/api/config"))
                .body(containsString("/api/session"));
        given().get(Management.url("/q/swagger-ui/")).then().statusCode(200);
        for (String ops : new String[] { "/q/health/ready", "/q/metrics", "/q/openapi" }) {
            given().get(ops).then().statusCode(404);
        }
    }
}
