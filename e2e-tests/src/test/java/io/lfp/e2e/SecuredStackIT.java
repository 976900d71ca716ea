package io.lfp.e2e;

import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lfp.cli.ingest.IngestCommand;
import io.restassured.path.json.JsonPath;

/**
 * The secured stack as it runs for real, against the tests' shared Keycloak: nothing but health answers without
 * a token, health answers on each service's management port without one, and {@code ./lfp ingest}'s own
 * command and client (tokens of client lfp-cli from the secrets file) load the sample exactly.
 */
class SecuredStackIT {

    @AutoClose
    private static RunningStack system;

    @BeforeAll
    static void startStack() {
        system = RunningStack.start("secured", 1, Map.of());
    }

    @Test
    void everyServicesApiAnswers401WithoutATokenAndWithAForgedOne() {
        List<String> apis = List.of(
                system.settings.uploadApiUrl().toString(),
                system.workerUrl(0) + "/api/products/no-such-sku",
                system.settings.aggregatesUrl() + "?top=3",
                system.settings.dashboardUrl() + "/api/summary");
        for (String api : apis) {
            RunningStack.anonymous().accept("application/json").get(api).then().statusCode(401)
                    .body("error", not(emptyOrNullString()));
            RunningStack.anonymous().accept("application/json").auth().oauth2("not.a.token").get(api)
                    .then().statusCode(401);
        }
        RunningStack.anonymous().contentType("text/csv").queryParam("filename", "anonymous.csv")
                .body("name,sku,description\r\nA,sku-anon,x\r\n").post(system.settings.uploadApiUrl())
                .then().statusCode(401).body("error", not(emptyOrNullString()));
    }

    @Test
    void aViewerMayReadButNotUpload() {
        system.as("viewer").get(system.settings.uploadApiUrl()).then().statusCode(200);
        system.as("viewer").contentType("text/csv").queryParam("filename", "viewer.csv")
                .body("name,sku,description\r\nA,sku-viewer,x\r\n").post(system.settings.uploadApiUrl())
                .then().statusCode(403).body("error", not(emptyOrNullString()));
    }

    @Test
    void healthAnswersOnTheManagementPortsWithoutAToken() {
        system.assertEveryServiceReady();
    }

    @Test
    void theLaunchersIngestCommandLoadsTheSampleWithItsOwnToken() throws Exception {
        Path sample = E2eFiles.sample();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new IngestCommand(system.uploadClient(), system.dashboardUrl(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false).run(sample);

        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, printed + err.toString(StandardCharsets.UTF_8));
        String line = printed.lines().filter(l -> l.startsWith("Upload accepted: ")).findFirst()
                .orElseThrow(() -> new AssertionError(printed));
        String id = line.substring("Upload accepted: ".length()).strip();
        JsonPath upload = system.uploadStatus(id);
        assertEquals("COMPLETED", upload.getString("status"));
        assertEquals(499L, upload.getLong("rowsRead"));
        assertEquals(0L, upload.getLong("rowsRejected"));
        system.assertTablesMatch(new ExpectedProducts().applySample());
        assertTrue(printed.contains("499"), printed);
    }
}
