package io.lfp.e2e;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Single-product edits through ingest-worker's HTTP API on a running system: after an uploaded file,
 * a product created with a new name, an existing one renamed to it and another deleted each reach
 * aggregate-service's counts and the dashboard (waited for, bounded), and product_counts ends equal
 * to {@code SELECT name, count(*) FROM products GROUP BY name} and to the expectation kept here.
 */
class ProductEditIT {

    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);
    /** How long an edit may take to show everywhere before the test gives up (not a timing assertion). */
    private static final Duration CATCH_UP = Duration.ofSeconds(10);
    private static final String NEW_NAME = "Edited By Hand";
    private static final String NEW_SKU = "e2e-edit-created";

    @AutoClose
    private static RunningStack system;

    @BeforeAll
    static void startStack() {
        system = RunningStack.start("product-edit", 1, Map.of());
    }

    @Test
    void createdRenamedAndDeletedProductsMoveTheCountsExactlyAndShowOnTheDashboard() throws Exception {
        system.assertJobEnds(system.uploadSample(), "COMPLETED", JOB_TIMEOUT);
        ExpectedProducts expected = new ExpectedProducts().applySample();
        assertEquals(expected.products(), system.products());
        assertFalse(expected.countsByName().containsKey(NEW_NAME));
        String products = system.workerUrl(0) + "/api/products";

        // 1. a product with a name no product had
        Response created = system.asAdmin().contentType("application/json")
                .body("{\"sku\":\"" + NEW_SKU + "\",\"name\":\"" + NEW_NAME + "\",\"description\":\"made by hand\"}")
                .post(products);
        created.then().statusCode(201).body("sku", equalTo(NEW_SKU)).body("name", equalTo(NEW_NAME));
        assertTrue(created.getHeader("Location").endsWith("/api/products/" + NEW_SKU));
        expected.put(new ExpectedProducts.Product(NEW_SKU, NEW_NAME, "made by hand"));
        awaitEverywhere(expected, NEW_SKU, Set.of(NEW_NAME));

        // 2. an uploaded product renamed to that name: one count moves from its old name to the new one
        List<String> skus = new ArrayList<>(expected.products().keySet());
        String renamed = skus.get(10);
        String oldName = expected.products().get(renamed).name();
        system.asAdmin().contentType("application/json")
                .body("{\"name\":\"" + NEW_NAME + "\",\"description\":\"renamed by hand\"}")
                .put(products + "/{sku}", renamed)
                .then().statusCode(200).body("sku", equalTo(renamed)).body("name", equalTo(NEW_NAME));
        expected.put(new ExpectedProducts.Product(renamed, NEW_NAME, "renamed by hand"));
        assertEquals(2L, expected.countsByName().get(NEW_NAME));
        awaitEverywhere(expected, renamed, Set.of(oldName, NEW_NAME));

        // 3. another uploaded product deleted
        String deleted = skus.get(20);
        String deletedName = expected.products().get(deleted).name();
        system.asAdmin().delete(products + "/{sku}", deleted).then().statusCode(204);
        expected.remove(deleted);
        awaitEverywhere(expected, deleted, Set.of(deletedName));
        system.asAdmin().get(products + "/{sku}", deleted).then().statusCode(404)
                .body("error", equalTo("Product not found"));

        assertEquals(expected.products(), system.products(), "products rows");
        assertEquals(system.countsFromProducts(), system.productCounts(),
                "product_counts equals SELECT name, count(*) FROM products GROUP BY name");
        assertEquals(expected.countsByName(), system.productCounts(), "product_counts rows");
    }

    /**
     * Polls (bounded) until aggregate-service counts each of {@code names} as expected (404 when no product
     * has it any more), the dashboard shows the product {@code sku} as expected (404 when deleted) and its
     * summary has the expected totals; fails naming what was still different.
     */
    private static void awaitEverywhere(ExpectedProducts expected, String sku, Set<String> names)
            throws InterruptedException {
        Map<String, Long> counts = expected.countsByName();
        Instant deadline = Instant.now().plus(CATCH_UP);
        List<String> different;
        do {
            different = new ArrayList<>();
            for (String name : new TreeSet<>(names)) {
                Response count = system.asAdmin().get(system.settings.aggregatesUrl() + "/{name}", name);
                Long want = counts.get(name);
                if (want == null ? count.statusCode() != 404
                        : count.statusCode() != 200 || count.jsonPath().getLong("count") != want) {
                    different.add("aggregate of '" + name + "': " + count.statusCode() + " " + count.asString()
                            + ", expected " + (want == null ? "404" : want));
                }
            }
            ExpectedProducts.Product product = expected.products().get(sku);
            Response shown = system.asAdmin().get(system.settings.dashboardUrl() + "/api/products/{sku}", sku);
            if (product == null ? shown.statusCode() != 404
                    : shown.statusCode() != 200 || !product.name().equals(shown.jsonPath().getString("name"))
                            || !product.description().equals(shown.jsonPath().getString("description"))) {
                different.add("dashboard product " + sku + ": " + shown.statusCode() + " " + shown.asString()
                        + ", expected " + (product == null ? "404" : product));
            }
            JsonPath summary = system.asAdmin().get(system.settings.dashboardUrl() + "/api/summary").then().statusCode(200)
                    .extract().jsonPath();
            if (summary.getLong("products") != expected.products().size()
                    || summary.getLong("names") != counts.size()) {
                different.add("dashboard summary " + summary.prettify().replace('\n', ' ') + ", expected products "
                        + expected.products().size() + " names " + counts.size());
            }
            if (different.isEmpty()) {
                return;
            }
            Thread.sleep(100);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("not reflected within " + CATCH_UP + ": " + different);
    }
}
