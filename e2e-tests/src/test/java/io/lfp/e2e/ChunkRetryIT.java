package io.lfp.e2e;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lfp.cli.stack.Infrastructure;
import io.restassured.path.json.JsonPath;

/**
 * A chunk that fails its attempts loads nothing of its file, and a retry loads it exactly: one part object of
 * an upload disappears from S3 before the worker reads it (the worker is paused with SIGSTOP for that moment,
 * so the fault hits the same chunks every run), every chunk that needs that part fails its attempts, the
 * upload ends FAILED listing them, products and product_counts keep what the earlier upload left. With the
 * part back, {@code POST /api/uploads/{id}/retry} completes the upload, and the tables equal the expectation
 * for both files in upload order.
 */
class ChunkRetryIT {

    private static final int PART_SIZE = 64 * 1024;
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);

    @Test
    void aFailedChunkLoadsNothingUntilTheRetryThenTheFileIsInExactly() throws Exception {
        Path first = E2eFiles.generated("chunk-retry-first.csv", 2_000, 11);
        // the first file's rows again, then 1,000 more
        Path second = E2eFiles.generated("chunk-retry-second.csv", 3_000, 11);
        byte[] secondBytes = Files.readAllBytes(second);
        assertTrue(secondBytes.length > 3 * PART_SIZE, "several part objects: " + secondBytes.length);

        try (RunningStack system = RunningStack.start("chunk-retry", 1, Map.of(
                "LFP_UPLOAD_PART_SIZE_BYTES", String.valueOf(PART_SIZE),
                "LFP_UPLOAD_CHUNK_SIZE_BYTES", String.valueOf(16 * 1024),
                "LFP_INGEST_CHUNK_ATTEMPTS", "2",
                "LFP_INGEST_CHUNK_BACKOFF", "50ms"))) {
            ExpectedProducts expected = new ExpectedProducts().apply(first);
            system.assertJobEnds(system.upload(first), "COMPLETED", JOB_TIMEOUT);
            system.assertTablesMatch(expected);

            ProcessHandle worker = ProcessHandle.of(system.pidOf("ingest-worker-1")).orElseThrow();
            Path s3 = system.s3Files();
            String id;
            Path part;
            Path away;
            signal(worker, "STOP");
            try {
                id = system.upload(second);
                part = partObject(s3, id, "chunk-retry-second.csv", 2);
                away = part.resolveSibling(part.getFileName() + ".away");
                Files.move(part, away);
            } finally {
                signal(worker, "CONT");
            }

            JsonPath failed = system.assertJobEnds(id, "FAILED", JOB_TIMEOUT);
            assertTrue(failed.getBoolean("retryable"));
            assertEquals(0L, failed.getLong("productsWritten"));
            List<Map<String, Object>> chunks = failed.getList("failedChunks");
            assertFalse(chunks.isEmpty());
            assertEquals(chunks.size(), failed.getInt("chunksFailed"));
            String missing = "Object not found: s3://lfp-uploads/uploads/" + id + "/chunk-retry-second.csv.part-00002";
            for (int i = 0; i < chunks.size(); i++) {
                Map<String, Object> chunk = chunks.get(i);
                assertTrue(((String) chunk.get("error")).endsWith("failed after 2 attempts: " + missing),
                        chunk.toString());
                if (i > 0) {
                    assertEquals((int) chunks.get(i - 1).get("chunkIndex") + 1, (int) chunk.get("chunkIndex"),
                            "the chunks that need part 2 are consecutive");
                    assertEquals(((Number) chunks.get(i - 1).get("lastLine")).longValue() + 1,
                            ((Number) chunk.get("firstLine")).longValue());
                }
            }
            // together they cover every line of part 2's bytes
            long firstLine = ((Number) chunks.get(0).get("firstLine")).longValue();
            long lastLine = ((Number) chunks.get(chunks.size() - 1).get("lastLine")).longValue();
            assertTrue(firstLine <= lineAt(secondBytes, PART_SIZE), "first line " + firstLine);
            assertTrue(lastLine >= lineAt(secondBytes, 2 * PART_SIZE - 1), "last line " + lastLine);
            assertTrue(chunks.stream().anyMatch(c -> c.get("error").equals(failed.getString("error"))),
                    "the upload's error is one of its chunks' errors");
            // all or nothing: what the first upload left is untouched
            system.assertTablesMatch(expected);
            system.asAdmin().get(system.settings.uploadApiUrl() + "/" + id + "/rejected").then().statusCode(200)
                    .body(equalTo("record_number,line_number,reason,raw_text\r\n"));

            Files.move(away, part);
            system.asAdmin().post(system.settings.uploadApiUrl() + "/" + id + "/retry").then().statusCode(202)
                    .body("status", equalTo("INGESTING"));
            JsonPath done = system.assertJobEnds(id, "COMPLETED", JOB_TIMEOUT);
            assertEquals(3_000L, done.getLong("rowsRead"));
            assertEquals(3_000L, done.getLong("rowsLoaded"));
            assertEquals(0, done.getInt("chunksFailed"));
            assertEquals(1, done.getInt("retries"));
            assertEquals(List.of(), done.getList("failedChunks"));
            system.assertTablesMatch(expected.apply(new String(secondBytes, StandardCharsets.UTF_8)));
            assertEquals(system.countsFromProducts(), system.productCounts());

            system.asAdmin().post(system.settings.uploadApiUrl() + "/" + id + "/retry").then().statusCode(409)
                    .body("error", equalTo("Upload not failed"));
        }
    }

    /**
     * The file of an upload's part object in the stack's S3 store ({@link RunningStack#s3Files()}, found before
     * the worker is paused: finding it asks every service's health).
     */
    private static Path partObject(Path s3, String id, String filename, int part) {
        String key = Infrastructure.S3_BUCKET + "/uploads/" + id + "/" + filename + String.format(".part-%05d", part);
        Path file = s3.resolve(key);
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("no stored object " + key);
        }
        return file;
    }

    /** The physical line (1-based) holding byte {@code offset}. */
    private static long lineAt(byte[] file, int offset) {
        long line = 1;
        for (int i = 0; i < offset; i++) {
            if (file[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static void signal(ProcessHandle process, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + signal);
    }
}
