package io.lfp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lfp.cli.generate.ProductsFileGenerator;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One of two ingest-worker processes is killed with SIGKILL while a job runs: its chunks in
 * flight roll back, Kafka hands its partitions to the other worker, the chunks are done again
 * there, and the final tables are exactly what the file says.
 */
class WorkerCrashIT {

    private static final long ROWS = 300_000;
    private static RunningStack system;
    private static Path file;

    @BeforeAll
    static void start() throws Exception {
        // small chunks so the job is made of hundreds of work items and surely runs when the kill comes
        system = RunningStack.start("worker-crash", 2, Map.of("LFP_UPLOAD_CHUNK_SIZE_BYTES", "262144"));
        file = system.repoRoot.resolve("e2e-tests/target/worker-crash.csv");
        ProductsFileGenerator.write(file, ROWS, 42);
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void killingOneOfTwoWorkersMidJobStillLeavesExactlyTheExpectedTables() throws Exception {
        String id = system.upload(file);

        JsonPath midway = system.awaitUpload(id,
                u -> u.getInt("chunksDone") >= 1 || RunningStack.TERMINAL.contains(u.getString("status")),
                Duration.ofMinutes(3));
        assertTrue(midway.getInt("chunksDone") < midway.getInt("chunksTotal"),
                "the job must still be running when the worker is killed: " + midway.prettify());

        ProcessHandle worker = ProcessHandle.of(system.pidOf("ingest-worker-1")).orElseThrow();
        worker.destroyForcibly(); // SIGKILL: no shutdown hook, no clean consumer leave
        worker.onExit().get();
        assertFalse(worker.isAlive());

        JsonPath done = system.awaitJobAndCounts(id, Duration.ofMinutes(5));
        assertEquals("COMPLETED", done.getString("status"));
        assertEquals(ROWS, done.getLong("rowsRead"), "every record counted exactly once");
        assertEquals(0L, done.getLong("rowsRejected"));
        assertEquals(done.getInt("chunksTotal"), done.getInt("chunksDone"));
        assertEquals(0, done.getInt("chunksFailed"));

        ExpectedProducts expected = new ExpectedProducts().apply(Files.readString(file, StandardCharsets.UTF_8));
        assertEquals(expected.products(), system.products(), "products rows");
        assertEquals(expected.countsByName(), system.productCounts(), "product_counts rows");
    }
}
