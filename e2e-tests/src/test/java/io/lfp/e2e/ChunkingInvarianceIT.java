package io.lfp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/**
 * The result does not depend on how the work is cut or spread: the same file ingested by one
 * worker as one chunk, and by three workers as 64 KiB chunks, gives identical tables, equal
 * to the expectation computed here (last occurrence of a sku wins). Uploading the identical
 * file again changes no row and no count.
 */
class ChunkingInvarianceIT {

    private static final long ROWS = 40_000;
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(5);

    @Test
    void oneWorkerOneChunkAndThreeWorkersSmallChunksGiveIdenticalExactTables() throws Exception {
        Path file = E2eFiles.generated("chunking-invariance.csv", ROWS, 7);
        ExpectedProducts expected = new ExpectedProducts().apply(file);
        assertTrue(expected.products().size() < ROWS, "the file repeats some skus");

        Map<String, ExpectedProducts.Product> oneChunkProducts;
        Map<String, Long> oneChunkCounts;
        try (RunningStack system = RunningStack.start("one-chunk", 1,
                Map.of("LFP_UPLOAD_CHUNK_SIZE_BYTES", String.valueOf(1L << 40)))) {
            JsonPath done = system.assertJobEnds(system.upload(file), "COMPLETED", JOB_TIMEOUT);
            assertEquals(1, done.getInt("chunksTotal"));
            oneChunkProducts = system.products();
            oneChunkCounts = system.productCounts();
        }

        try (RunningStack system = RunningStack.start("small-chunks", 3,
                Map.of("LFP_UPLOAD_CHUNK_SIZE_BYTES", String.valueOf(64 * 1024)))) {
            JsonPath done = system.assertJobEnds(system.upload(file), "COMPLETED", JOB_TIMEOUT);
            assertTrue(done.getInt("chunksTotal") > 50, "cut into many chunks: " + done.getInt("chunksTotal"));
            assertEquals(ROWS, done.getLong("rowsRead"));

            assertEquals(expected.products(), oneChunkProducts, "one worker, one chunk");
            assertEquals(expected.countsByName(), oneChunkCounts, "one worker, one chunk: counts");
            assertEquals(expected.products(), system.products(), "three workers, 64 KiB chunks");
            assertEquals(expected.countsByName(), system.productCounts(), "three workers, 64 KiB chunks: counts");

            system.assertJobEnds(system.upload(file), "COMPLETED", JOB_TIMEOUT);
            assertEquals(expected.products(), system.products(), "identical re-upload changes no row");
            assertEquals(expected.countsByName(), system.productCounts(), "identical re-upload changes no count");
        }
    }
}
