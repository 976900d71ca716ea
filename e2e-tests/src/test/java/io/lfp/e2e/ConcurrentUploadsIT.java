package io.lfp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.lfp.cli.ingest.UploadClient;
import io.restassured.path.json.JsonPath;

/**
 * A crowd: 24 clients upload 24 distinct files (no sku shared) at the same moment to a stack with the
 * launcher's heap (-Xmx256m) and upload-service's default of 4 uploads at once. Every upload is either
 * accepted or refused with 429 and Retry-After and then accepted when sent again; no client sees a 500, every
 * job ends COMPLETED, and products and product_counts equal the union of the 24 files exactly. Half the
 * clients are {@code ./lfp ingest}'s own {@link UploadClient} (its wait-and-retry), half send
 * their body at once as a browser does and retry by hand.
 */
class ConcurrentUploadsIT {

    private static final int CLIENTS = 24;
    private static final long ROWS_PER_FILE = 20_000;
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(10);
    private static final int MAX_ATTEMPTS = 120;

    @Test
    void everyUploadIsExactOrRefusedWith429ThenExactOnRetry() throws Exception {
        List<Path> files = new ArrayList<>();
        ExpectedProducts expected = new ExpectedProducts();
        for (int i = 0; i < CLIENTS; i++) {
            Path file = E2eFiles.generated("concurrent-uploads/crowd-" + i + ".csv", ROWS_PER_FILE, 100 + i,
                    "c" + i + "-");
            files.add(file);
            expected.apply(file);
        }

        try (RunningStack system = RunningStack.start("concurrent-uploads", 2, Map.of())) {
            ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
            AtomicInteger slotWaits = new AtomicInteger();
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<String>> ids = new ArrayList<>();
            try {
                for (int i = 0; i < CLIENTS; i++) {
                    Path file = files.get(i);
                    boolean launcherClient = i % 2 == 0;
                    ids.add(clients.submit(() -> {
                        go.await();
                        return launcherClient ? uploadWithLauncherClient(system, file, slotWaits)
                                : uploadAsBrowser(system, file, statuses);
                    }));
                }
                go.countDown();
                List<String> accepted = new ArrayList<>();
                for (Future<String> id : ids) {
                    accepted.add(id.get());
                }

                assertTrue(statuses.stream().allMatch(s -> s == 202 || s == 429), "only 202 or 429: " + statuses);
                assertEquals(CLIENTS / 2, statuses.stream().filter(s -> s == 202).count());
                assertTrue(slotWaits.get() + statuses.stream().filter(s -> s == 429).count() > 0,
                        "24 uploads at once are more than the 4 slots: some were told to wait");

                for (int i = 0; i < CLIENTS; i++) {
                    JsonPath done = system.assertJobEnds(accepted.get(i), "COMPLETED", JOB_TIMEOUT);
                    assertEquals(ROWS_PER_FILE, done.getLong("rowsRead"));
                }
            } finally {
                clients.shutdownNow();
            }

            system.assertTablesMatch(expected);
            assertEquals(CLIENTS, system.count("uploads"));
            HttpResponse<String> ready = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(RunningStack.healthUrl(system.settings.uploadPort()))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ready.statusCode(), ready.body());
            String log = Files.readString(system.settings.logDir().resolve("upload-service.log"));
            assertFalse(log.contains("OutOfMemoryError"), "upload-service ran out of heap");
        }
    }

    private static String uploadWithLauncherClient(RunningStack system, Path file, AtomicInteger slotWaits)
            throws InterruptedException {
        return system.uploadClient().upload(file, sent -> {
        }, (seconds, attempt, attempts) -> slotWaits.incrementAndGet());
    }

    /** Sends the whole body without waiting for 100-continue, as a browser does; on 429 waits Retry-After. */
    private static String uploadAsBrowser(RunningStack system, Path file, ConcurrentLinkedQueue<Integer> statuses)
            throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create(system.settings.uploadApiUrl() + "?filename="
                + URLEncoder.encode(file.getFileName().toString(), StandardCharsets.UTF_8));
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).header("Content-Type", "text/csv")
                    .header("Authorization", "Bearer " + system.keycloak().tokens("uploader").token())
                    .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
            statuses.add(response.statusCode());
            if (response.statusCode() == 202) {
                return JsonPath.from(response.body()).getString("id");
            }
            if (response.statusCode() != 429) {
                throw new AssertionError(file.getFileName() + ": " + response.statusCode() + " " + response.body());
            }
            assertEquals("{\"error\":\"Too many uploads\",\"detail\":\"4 uploads are streaming already; retry in 5 s\"}",
                    response.body());
            Thread.sleep(1000L * Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow()));
        }
        throw new AssertionError(file.getFileName() + " still refused after " + MAX_ATTEMPTS + " attempts");
    }
}
