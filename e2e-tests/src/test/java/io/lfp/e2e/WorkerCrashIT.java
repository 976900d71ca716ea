package io.lfp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/**
 * One of two ingest-worker processes is killed with SIGKILL while a job runs: its chunks in
 * flight roll back, Kafka hands its partitions to the other worker, the chunks are done again
 * there, and the final tables are exactly what the file says.
 */
class WorkerCrashIT {

    private static final long ROWS = 300_000;
    @AutoClose
    private static RunningStack system;
    private static Path file;

    @BeforeAll
    static void start() throws Exception {
        // small chunks so the job is made of hundreds of work items and surely runs when the kill comes
        system = RunningStack.start("worker-crash", 2, Map.of("LFP_UPLOAD_CHUNK_SIZE_BYTES", "262144"));
        file = E2eFiles.generated("worker-crash.csv", ROWS, 42);
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

        JsonPath done = system.assertJobEnds(id, "COMPLETED", Duration.ofMinutes(5));
        assertEquals(ROWS, done.getLong("rowsRead"), "every record counted exactly once");
        assertEquals(0L, done.getLong("rowsRejected"));
        assertEquals(done.getInt("chunksTotal"), done.getInt("chunksDone"));
        assertEquals(0, done.getInt("chunksFailed"));

        system.assertTablesMatch(new ExpectedProducts().apply(file));
    }
}
