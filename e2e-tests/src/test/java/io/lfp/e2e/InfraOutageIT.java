package io.lfp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.restassured.path.json.JsonPath;

/**
 * S3, PostgreSQL and the Kafka broker each go away in the middle of a job and come back on the same port with
 * the same data: the services wait it out (lfp.ingest.outage-tolerance, lfp.upload.outage-tolerance, the
 * producers' delivery timeout) and the upload ends COMPLETED with exactly the expected tables. The three
 * uploads share one stack, one after another, with distinct skus; the expectation accumulates them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InfraOutageIT {

    private static final long ROWS = 150_000;
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(6);
    private static final ExpectedProducts EXPECTED = new ExpectedProducts();
    @AutoClose
    private static RunningStack system;
    private static InfraFaults faults;

    @BeforeAll
    static void start() {
        // small chunks: the job is made of ~100 work items, so the fault surely hits it while it runs
        system = RunningStack.start("infra-outage", 2, Map.of(
                "LFP_UPLOAD_CHUNK_SIZE_BYTES", "262144",
                "LFP_INGEST_OUTAGE_TOLERANCE", "60s",
                "LFP_INGEST_OUTAGE_BACKOFF_MAX", "2s",
                "LFP_UPLOAD_OUTAGE_TOLERANCE", "60s",
                "LFP_UPLOAD_OUTAGE_BACKOFF_MAX", "2s"));
        faults = new InfraFaults(system);
    }

    @Test
    @Order(1)
    void s3StoppedForFifteenSecondsMidJobEndsExactlyCompleted() throws Exception {
        assertOutageRiddenOut("s3-outage", 11, id -> {
            faults.command("stop s3");
            sleep(Duration.ofSeconds(15));
            assertFalse(faults.jobEnded(id), "the job cannot end while S3 is down");
            faults.command("start s3");
        });
    }

    @Test
    @Order(2)
    void postgresRestartedFastMidJobEndsExactlyCompleted() throws Exception {
        // pg_ctl restart -m fast: chunk and merge transactions in flight are cut off; UNLOGGED staging survives
        assertOutageRiddenOut("pg-restart", 12, id -> faults.command("restart pg"));
    }

    @Test
    @Order(3)
    void kafkaBrokerStoppedForTenSecondsMidJobEndsExactlyCompleted() throws Exception {
        assertOutageRiddenOut("kafka-outage", 13, id -> {
            faults.command("stop kafka");
            sleep(Duration.ofSeconds(10));
            // the workers may finish the job from the chunk events they had fetched already, but its end cannot
            // travel: upload-service cannot have learnt it, nor aggregate-service have added its counts
            assertEquals(null, system.uploadStatus(id).getString("aggregatedAt"), "counts exact while Kafka is down");
            assertFalse(RunningStack.TERMINAL.contains(system.uploadStatus(id).getString("status")),
                    "upload-service cannot learn the job's end while Kafka is down");
            faults.command("start kafka");
        });
    }

    /**
     * Uploads a generated file (skus of its own), runs {@code outage} as soon as the workers recorded the first
     * of its ~115 chunks (the file may still be streaming in), then checks the job ends COMPLETED with every
     * record, and that products and product_counts are exactly what all files uploaded so far say.
     */
    private void assertOutageRiddenOut(String name, long seed, Consumer<String> outage) throws Exception {
        Path file = E2eFiles.generated(name + ".csv", ROWS, seed, name + "-");
        // the POST answers only once the whole file is stored, which may be during or after the outage
        CompletableFuture<String> upload = CompletableFuture.supplyAsync(() -> system.upload(file));
        String id = awaitFirstChunk(file.getFileName().toString(), upload);
        assertFalse(faults.jobEnded(id), "the job must still run when the fault comes");

        outage.accept(id);

        assertEquals(id, upload.get(JOB_TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the client got 202 for it");
        JsonPath done = faults.awaitJobAndCounts(id, JOB_TIMEOUT);
        assertEquals("COMPLETED", done.getString("status"), done.prettify());
        assertEquals(ROWS, done.getLong("rowsRead"), "every record counted exactly once");
        assertEquals(0L, done.getLong("rowsRejected"));
        assertTrue(done.getInt("chunksTotal") > 100, "many chunks: " + done.getInt("chunksTotal"));
        assertEquals(done.getInt("chunksTotal"), done.getInt("chunksDone"));
        assertEquals(0, done.getInt("chunksFailed"));

        system.assertTablesMatch(EXPECTED.apply(file));
    }

    /**
     * The id of the upload of {@code filename} once the workers recorded one of its chunks: its row is written
     * when the POST starts, so it is listed while the file still streams in.
     */
    private static String awaitFirstChunk(String filename, CompletableFuture<String> upload)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        String id = null;
        while (Instant.now().isBefore(deadline)) {
            if (upload.isCompletedExceptionally()) {
                upload.join(); // the upload was refused: show why
            }
            if (id == null) {
                List<Map<String, Object>> uploads = system.asAdmin().queryParam("limit", 10)
                        .get(system.settings.uploadApiUrl()).then().statusCode(200).extract().jsonPath().getList("$");
                id = uploads.stream().filter(u -> filename.equals(u.get("filename"))).map(u -> (String) u.get("id"))
                        .findFirst().orElse(null);
            }
            if (id != null && faults.chunksRecorded(id) >= 1) {
                return id;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no chunk of " + filename + " was recorded within 3 minutes");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
