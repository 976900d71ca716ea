package io.lfp.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.lfp.cli.stack.Stack;
import io.lfp.cli.stack.StackSettings;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole product as a user runs it: infrastructure and the four services as separate
 * processes (started by the same {@link Stack} code as {@code ./lfp up}), a CSV uploaded over
 * HTTP, and the database and dashboard checked against an expectation computed here.
 */
@TestMethodOrder(OrderAnnotation.class)
class EndToEndIT {

    private static final Set<String> TERMINAL = Set.of("COMPLETED", "COMPLETED_WITH_ERRORS", "FAILED");
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);

    private static Path repoRoot;
    private static Stack stack;
    private static StackSettings settings;
    private static final ExpectedProducts expected = new ExpectedProducts();

    @BeforeAll
    static void startStack() {
        repoRoot = Path.of(System.getProperty("lfp.repo.root", "..")).toAbsolutePath().normalize();
        settings = StackSettings.ephemeralOnFreePorts(repoRoot, repoRoot.resolve("e2e-tests/target/e2e-stack"), 2);
        stack = new Stack(settings).onProgress(line -> System.out.println("[stack] " + line)).downOnJvmExit();
        stack.up();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.down();
        }
    }

    @Test
    @Order(1)
    void sampleFileLandsExactlyAndShowsOnTheDashboard() throws Exception {
        Path sample = repoRoot.resolve("examples/products-sample.csv");
        String id = upload(Files.readAllBytes(sample), "products-sample.csv");

        JsonPath upload = awaitJobAndCounts(id);
        assertEquals("COMPLETED", upload.getString("status"));
        assertEquals(499L, upload.getLong("rowsRead"));
        assertEquals(0L, upload.getLong("rowsRejected"));

        expected.apply(Files.readString(sample, StandardCharsets.UTF_8));
        assertEquals(499, expected.products().size(), "the sample holds 499 distinct skus");
        assertDatabaseMatchesExpectation();
        assertDashboardMatchesExpectation();

        String someSku = expected.products().keySet().iterator().next();
        given().queryParam("q", someSku).get(settings.dashboardUrl() + "/api/products")
                .then().statusCode(200)
                .body("items[0].sku", equalTo(someSku))
                .body("items[0].name", equalTo(expected.products().get(someSku).name()))
                .body("items[0].description", equalTo(expected.products().get(someSku).description()));
    }

    @Test
    @Order(2)
    void secondUploadRenamesExistingSkusAndMovesTheCounts() throws Exception {
        String renames = renamingFile();
        String id = upload(renames.getBytes(StandardCharsets.UTF_8), "renames.csv");

        JsonPath upload = awaitJobAndCounts(id);
        assertEquals("COMPLETED", upload.getString("status"));
        assertEquals(71L, upload.getLong("rowsRead"));

        expected.apply(renames);
        assertEquals(505, expected.products().size());
        assertEquals(24L, expected.countsByName().get("Renamed Person A"));
        assertEquals(20L, expected.countsByName().get("Renamed Person B"));
        assertDatabaseMatchesExpectation();
        assertDashboardMatchesExpectation();
    }

    @Test
    @Order(3)
    void wrongHeaderIsRefusedWithAClearMessageAndNothingIsStored() {
        int uploadsBefore = given().get(settings.uploadApiUrl()).then().statusCode(200)
                .extract().jsonPath().getList("$").size();

        given().contentType("text/csv").queryParam("filename", "wrong.csv")
                .body("title,code,text\r\nA,b,c\r\n")
                .post(settings.uploadApiUrl())
                .then().statusCode(400)
                .body("error", equalTo("Wrong CSV header"))
                .body("detail", equalTo("Expected header 'name,sku,description' but found 'title,code,text'"));

        given().get(settings.uploadApiUrl()).then().statusCode(200).body("size()", equalTo(uploadsBefore));
    }

    /**
     * 60 existing skus renamed to three new names (20 each; the first one appears twice with
     * a different name first, so the last occurrence must win), 4 more moved to the first new
     * name, and 6 new products.
     */
    private static String renamingFile() {
        List<String> skus = new ArrayList<>(expected.products().keySet());
        StringBuilder csv = new StringBuilder("name,sku,description\r\n");
        String[] newNames = {"Renamed Person A", "Renamed Person B", "Renamed Person C"};
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

    private static String upload(byte[] body, String filename) {
        return given().contentType("text/csv").queryParam("filename", filename).body(body)
                .post(settings.uploadApiUrl())
                .then().statusCode(202)
                .body("status", equalTo("QUEUED"))
                .extract().jsonPath().getString("id");
    }

    /** Waits until the job ended and product_counts was reconciled for it. */
    private static JsonPath awaitJobAndCounts(String id) throws InterruptedException {
        Instant deadline = Instant.now().plus(JOB_TIMEOUT);
        JsonPath upload;
        do {
            upload = given().get(settings.uploadApiUrl() + "/" + id).then().statusCode(200).extract().jsonPath();
            boolean ended = TERMINAL.contains(upload.getString("status"));
            if (ended && upload.getString("aggregatedAt") != null) {
                return upload;
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("upload " + id + " did not finish within " + JOB_TIMEOUT + ": " + upload.prettify());
    }

    private static void assertDatabaseMatchesExpectation() throws SQLException {
        try (Connection db = DriverManager.getConnection(settings.jdbcUrl(), "lfp", "lfp");
                Statement sql = db.createStatement()) {
            Map<String, ExpectedProducts.Product> actual = new TreeMap<>();
            try (ResultSet rows = sql.executeQuery("SELECT sku, name, description FROM products")) {
                while (rows.next()) {
                    actual.put(rows.getString(1),
                            new ExpectedProducts.Product(rows.getString(1), rows.getString(2), rows.getString(3)));
                }
            }
            assertEquals(expected.products(), actual, "products rows");

            Map<String, Long> counts = new TreeMap<>();
            try (ResultSet rows = sql.executeQuery("SELECT name, product_count FROM product_counts")) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getLong(2));
                }
            }
            assertEquals(expected.countsByName(), counts, "product_counts rows");
        }
    }

    private static void assertDashboardMatchesExpectation() {
        Map<String, Long> counts = expected.countsByName();
        JsonPath summary = given().get(settings.dashboardUrl() + "/api/summary").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(expected.products().size(), summary.getLong("products"));
        assertEquals(counts.size(), summary.getLong("names"));
        assertNotNull(summary.getString("cache"));

        List<Map.Entry<String, Long>> top = counts.entrySet().stream()
                .sorted(Comparator.comparing(Map.Entry<String, Long>::getValue).reversed()
                        .thenComparing(Map.Entry::getKey))
                .limit(5).toList();
        JsonPath aggregates = given().queryParam("top", 5).get(settings.dashboardUrl() + "/api/aggregates")
                .then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = aggregates.getList("items");
        assertEquals(top.size(), items.size());
        for (int i = 0; i < top.size(); i++) {
            assertEquals(top.get(i).getKey(), items.get(i).get("name"), "top name #" + (i + 1));
            assertEquals(top.get(i).getValue(), ((Number) items.get(i).get("count")).longValue(), "top count #" + (i + 1));
        }
    }
}
