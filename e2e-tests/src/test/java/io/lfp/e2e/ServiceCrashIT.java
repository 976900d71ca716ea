package io.lfp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.lfp.cli.stack.ComponentStatus;
import io.restassured.path.json.JsonPath;

/**
 * A service killed with SIGKILL in the middle of a job, then started again by {@code stack.up()} (what
 * {@code ./lfp up} does on a stack where a process died): upload-service while it receives a file (the upload
 * is swept: FAILED with the reason, nothing merged, staging dropped, its parts deleted; the same file uploaded
 * again loads exactly), and aggregate-service while a job runs (the job still ends with exact counts). The
 * sweepers' silence is 6 s here (5 min by default).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceCrashIT {

    private static final long ROWS = 40_000;
    private static final int PART_SIZE = 1024 * 1024;
    private static final String SWEPT_PREFIX = "Nothing was heard of this upload for 6 s";
    private static final String SWEPT_SUFFIX = "nothing of it is loaded: upload the file again";
    @AutoClose
    private static RunningStack system;
    private static Path first;
    private static Path second;

    @BeforeAll
    static void start() throws Exception {
        system = RunningStack.start("service-crash", 1, Map.of(
                "LFP_UPLOAD_PART_SIZE_BYTES", Integer.toString(PART_SIZE),
                "LFP_UPLOAD_CHUNK_SIZE_BYTES", "262144",
                "LFP_UPLOAD_SILENCE_TIMEOUT", "6s",
                "LFP_UPLOAD_SWEEP_INTERVAL", "1s",
                "LFP_INGEST_SILENCE_TIMEOUT", "6s",
                "LFP_INGEST_SWEEP_INTERVAL", "1s"));
        first = E2eFiles.generated("service-crash-1.csv", ROWS, 7);
        second = E2eFiles.generated("service-crash-2.csv", ROWS, 8);
    }

    @Test
    @Order(1)
    void uploadServiceKilledWhileReceivingAFileLeavesItSweptAndTheSameFileLoadsExactlyAfterwards() throws Exception {
        byte[] bytes = Files.readAllBytes(first);
        assertTrue(bytes.length > 4 * PART_SIZE, "the file spans several parts: " + bytes.length);
        CountDownLatch release = new CountDownLatch(1);
        HttpRequest request = HttpRequest.newBuilder(URI.create(system.settings.uploadApiUrl() + "?filename=crash.csv"))
                .header("Content-Type", "text/csv")
                .header("Authorization", "Bearer " + system.keycloak().tokens("uploader").token())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new StallingStream(bytes, 3 * PART_SIZE + 1000,
                        release)))
                .build();
        CompletableFuture<HttpResponse<String>> response = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofString());
        try {
            // the first parts are stored and their chunks staged while the client has stopped sending
            String id = awaitValue("SELECT id::text FROM uploads WHERE filename = 'crash.csv'");
            awaitValue("SELECT 1 FROM ingest_chunks WHERE upload_id = '" + id + "' LIMIT 1");
            awaitTrue(() -> system.partObjects(id).size() >= 2, "parts stored");
            assertEquals("ingest_staging_" + id.replace("-", ""), system.queryString("SELECT to_regclass('ingest_staging_"
                    + id.replace("-", "") + "')::text"));

            long pid = system.pidOf("upload-service");
            ProcessHandle upload = ProcessHandle.of(pid).orElseThrow();
            upload.destroyForcibly(); // SIGKILL
            upload.onExit().get();
            assertEquals(ComponentStatus.dead("upload-service", system.settings.uploadPort(), pid),
                    statusOf("upload-service"));

            system.stack.up(); // starts what is missing
            assertNotEquals(pid, system.pidOf("upload-service"));
            assertEquals(ComponentStatus.UP, statusOf("upload-service").health());

            JsonPath swept = system.awaitUpload(id, u -> "FAILED".equals(u.getString("status")), Duration.ofMinutes(2));
            String error = swept.getString("error");
            assertTrue(error.startsWith(SWEPT_PREFIX) && error.endsWith(SWEPT_SUFFIX), error);
            awaitTrue(() -> "FAILED".equals(system.queryString("SELECT state FROM ingest_jobs WHERE upload_id = '" + id + "'")),
                    "the job ends FAILED");
            // whichever sweeper came first: the worker's own words, or upload-service's in "Upload aborted: …"
            String jobError = system.queryString("SELECT error FROM ingest_jobs WHERE upload_id = '" + id + "'");
            assertTrue(jobError.startsWith(SWEPT_PREFIX) || jobError.startsWith("Upload aborted: " + SWEPT_PREFIX),
                    jobError);
            assertEquals(null, system.queryString("SELECT to_regclass('ingest_staging_" + id.replace("-", "") + "')::text"),
                    "staging table dropped");
            awaitTrue(() -> system.partObjects(id).isEmpty(), "the upload's part objects are deleted");
            assertEquals(0, system.count("products"), "nothing merged");
            assertEquals(0, system.count("product_counts"));
        } finally {
            release.countDown();
            response.cancel(true);
        }

        String again = system.upload(first);
        JsonPath done = system.assertJobEnds(again, "COMPLETED", Duration.ofMinutes(3));
        assertEquals(ROWS, done.getLong("rowsRead"));
        system.assertTablesMatch(new ExpectedProducts().apply(first));
    }

    @Test
    @Order(2)
    void aggregateServiceKilledDuringAJobLeavesTheCountsExactOnceItRunsAgain() throws Exception {
        String id = system.upload(second);
        long pid = system.pidOf("aggregate-service");
        ProcessHandle aggregate = ProcessHandle.of(pid).orElseThrow();
        aggregate.destroyForcibly(); // SIGKILL, while the job runs or its end waits to be counted
        aggregate.onExit().get();
        assertFalse(aggregate.isAlive());

        JsonPath ended = system.awaitUpload(id, u -> RunningStack.TERMINAL.contains(u.getString("status")),
                Duration.ofMinutes(3));
        assertEquals("COMPLETED", ended.getString("status"));
        system.stack.up();
        assertNotEquals(pid, system.pidOf("aggregate-service"));

        JsonPath done = system.awaitJobAndCounts(id, Duration.ofMinutes(3));
        assertEquals(ROWS, done.getLong("rowsRead"));
        system.assertTablesMatch(new ExpectedProducts().apply(first).apply(second));
        assertEquals(system.countsFromProducts(), system.productCounts());
    }

    /** Gives the first {@code stallAt} bytes, then nothing until released (a client that stopped sending). */
    private static final class StallingStream extends InputStream {
        private final byte[] bytes;
        private final int stallAt;
        private final CountDownLatch release;
        private int position;

        StallingStream(byte[] bytes, int stallAt, CountDownLatch release) {
            this.bytes = bytes;
            this.stallAt = stallAt;
            this.release = release;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (position >= stallAt) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("the test stopped sending");
            }
            int n = Math.min(length, stallAt - position);
            System.arraycopy(bytes, position, buffer, offset, n);
            position += n;
            return n;
        }
    }

    private ComponentStatus statusOf(String name) {
        return system.stack.status().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static String awaitValue(String query) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        String found;
        while ((found = system.queryString(query)) == null) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("nothing for " + query);
            }
            Thread.sleep(100);
        }
        return found;
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(Check check, String what) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (!check.holds()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + ": not within 2 min");
            }
            Thread.sleep(100);
        }
    }
}
