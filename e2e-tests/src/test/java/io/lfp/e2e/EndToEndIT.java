package io.lfp.e2e;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.restassured.path.json.JsonPath;

/**
 * The whole product as a user runs it: infrastructure and the four services as separate
 * processes (started by the same Stack code as {@code ./lfp up}), a CSV uploaded over
 * HTTP, and the database and dashboard checked against an expectation computed here.
 */
@TestMethodOrder(OrderAnnotation.class)
class EndToEndIT {

    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);

    @AutoClose
    private static RunningStack system;
    private static final ExpectedProducts expected = new ExpectedProducts();

    @BeforeAll
    static void startStack() {
        system = RunningStack.start("end-to-end", 2, Map.of());
    }

    @Test
    @Order(1)
    void sampleFileLandsExactlyAndShowsOnTheDashboard() throws Exception {
        String id = system.uploadSample();

        JsonPath upload = system.assertJobEnds(id, "COMPLETED", JOB_TIMEOUT);
        assertEquals(499L, upload.getLong("rowsRead"));
        assertEquals(0L, upload.getLong("rowsRejected"));

        expected.applySample();
        assertEquals(499, expected.products().size(), "the sample holds 499 distinct skus");
        system.assertTablesMatch(expected);
        assertDashboardMatchesExpectation();

        String someSku = expected.products().keySet().iterator().next();
        system.asAdmin().queryParam("q", someSku).get(system.settings.dashboardUrl() + "/api/products")
                .then().statusCode(200)
                .body("items[0].sku", equalTo(someSku))
                .body("items[0].name", equalTo(expected.products().get(someSku).name()))
                .body("items[0].description", equalTo(expected.products().get(someSku).description()));
    }

    @Test
    @Order(2)
    void secondUploadRenamesExistingSkusAndMovesTheCounts() throws Exception {
        String renames = renamingFile();
        String id = system.upload(renames.getBytes(StandardCharsets.UTF_8), "renames.csv");

        JsonPath upload = system.assertJobEnds(id, "COMPLETED", JOB_TIMEOUT);
        assertEquals(71L, upload.getLong("rowsRead"));

        expected.apply(renames);
        assertEquals(505, expected.products().size());
        assertEquals(24L, expected.countsByName().get("Renamed Person A"));
        assertEquals(20L, expected.countsByName().get("Renamed Person B"));
        system.assertTablesMatch(expected);
        assertDashboardMatchesExpectation();
    }

    @Test
    @Order(3)
    void wrongHeaderIsRefusedWithAClearMessageAndNothingIsStored() {
        int uploadsBefore = system.asAdmin().get(system.settings.uploadApiUrl()).then().statusCode(200)
                .extract().jsonPath().getList("$").size();

        system.asAdmin().contentType("text/csv").queryParam("filename", "wrong.csv")
                .body("title,code,text\r\nA,b,c\r\n")
                .post(system.settings.uploadApiUrl())
                .then().statusCode(400)
                .body("error", equalTo("Wrong CSV header"))
                .body("detail", equalTo("Expected header 'name,sku,description' but found 'title,code,text'"));

        system.asAdmin().get(system.settings.uploadApiUrl()).then().statusCode(200).body("size()", equalTo(uploadsBefore));
    }

    /**
     * 60 existing skus renamed to three new names (20 each; the first one appears twice with
     * a different name first, so the last occurrence must win), 4 more moved to the first new
     * name, and 6 new products.
     */
    private static String renamingFile() {
        List<String> skus = new ArrayList<>(expected.products().keySet());
        StringBuilder csv = new StringBuilder("name,sku,description\r\n");
        String[] newNames = { "Renamed Person A", "Renamed Person B", "Renamed Person C" };
        for (int i = 0; i < 60; i++) {
            String sku = skus.get(i * 7);
            if (i == 0) {
                csv.append("Interim Name,").append(sku).append(",\"first, then renamed\"\r\n");
            }
            csv.append(newNames[i % 3]).append(',').append(sku)
                    .append(",\"Renamed in the second upload,\nline two with \"\"quotes\"\"\"\r\n");
        }
        for (int i = 0; i < 6; i++) {
            csv.append("Newcomer ").append(i % 2).append(",e2e-new-sku-").append(i).append(",brand new\r\n");
        }
        for (int i = 0; i < 4; i++) {
            csv.append("Renamed Person A,").append(skus.get(i * 7 + 1)).append(",moved to A\r\n");
        }
        return csv.toString();
    }

    /**
     * The dashboard refreshes its Redis views when it consumes the same aggregates-changed event
     * that marks the upload's counts exact, so it may lag the upload status by a moment: wait
     * (bounded) until its summary shows the expected totals, then check them and the top names exactly.
     */
    private static void assertDashboardMatchesExpectation() throws InterruptedException {
        Map<String, Long> counts = expected.countsByName();
        JsonPath summary = system.awaitDashboardSummary(expected.products().size(), counts.size(),
                RunningStack.DASHBOARD_CATCH_UP);
        assertEquals(expected.products().size(), summary.getLong("products"));
        assertEquals(counts.size(), summary.getLong("names"));
        assertNotNull(summary.getString("cache"));

        List<Map.Entry<String, Long>> top = counts.entrySet().stream()
                .sorted(Comparator.comparing(Map.Entry<String, Long>::getValue).reversed()
                        .thenComparing(Map.Entry::getKey))
                .limit(5).toList();
        JsonPath aggregates = system.asAdmin().queryParam("top", 5).get(system.settings.dashboardUrl() + "/api/aggregates")
                .then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = aggregates.getList("items");
        assertEquals(top.size(), items.size());
        for (int i = 0; i < top.size(); i++) {
            assertEquals(top.get(i).getKey(), items.get(i).get("name"), "top name #" + (i + 1));
            assertEquals(top.get(i).getValue(), ((Number) items.get(i).get("count")).longValue(), "top count #" + (i + 1));
        }
    }
}
