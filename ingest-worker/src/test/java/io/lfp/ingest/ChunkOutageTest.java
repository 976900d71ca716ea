package io.lfp.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.lfp.events.ChunkReady;
import io.lfp.events.IngestFinished;
import io.lfp.events.IngestState;
import io.lfp.events.Topics;
import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.localinfra.LocalInfrastructure;
import io.lfp.testing.Sql;
import io.lfp.testing.TestKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3 goes away while a file's chunks are being ingested: an outage shorter than lfp.ingest.outage-tolerance
 * is waited out without using up chunk attempts and the file loads exactly; a longer one records the chunks
 * FAILED with the reason, and the job ends FAILED.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@TestProfile(ChunkOutageTest.Tolerance.class)
class ChunkOutageTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final byte[] FILE = "name,sku,description\r\nA,o1,x\r\nB,o2,y\r\nC,o3,z\r\n"
            .getBytes(StandardCharsets.UTF_8);

    public static class Tolerance implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lfp.ingest.outage-tolerance", "8s", "lfp.ingest.outage-backoff-max", "500ms");
        }
    }

    @Inject
    S3Client s3;

    @Inject
    ObjectMapper json;

    private final LocalInfrastructure infra = LocalInfraTestResource.infra();

    @Test
    void s3DownForAMomentIsWaitedOutAndTheFileLoadsExactly() throws Exception {
        List<ChunkReady> chunks = TestChunks.stored(s3, 41, FILE, 1); // one record per chunk
        String id = chunks.get(0).uploadId();
        infra.stopS3();
        try {
            TestChunks.publish(new TestKafka(json), chunks);
            Thread.sleep(1000); // the chunks meet a closed port
        } finally {
            infra.startS3();
        }

        IngestFinished done = new TestKafka(json).await(Topics.INGEST_FINISHED, id, 1, IngestFinished.class, WAIT)
                .get(0);
        assertEquals(IngestState.COMPLETED, done.state(), done.toString());
        assertEquals(3, done.rowsLoaded());
        assertEquals(List.of("o1|A|x|41|1", "o2|B|y|41|2", "o3|C|z|41|3"), rows(
                "SELECT sku || '|' || name || '|' || description || '|' || src_upload || '|' || src_line"
                        + " FROM products WHERE sku LIKE 'o_' ORDER BY sku",
                null));
        assertEquals(List.of("DONE", "DONE", "DONE"), rows(
                "SELECT state FROM ingest_chunks WHERE upload_id = ?::uuid ORDER BY chunk_index", id));
        // the outage was met: a chunk was tried again (chunk-attempts is 3 in tests, and none failed)
        assertTrue(Integer.parseInt(rows("SELECT max(attempts) FROM ingest_chunks WHERE upload_id = ?::uuid", id)
                .get(0)) > 1, "a chunk met the closed port and was tried again");
    }

    @Test
    void s3DownLongerThanTheToleranceFailsTheChunksWithTheReason() throws Exception {
        List<ChunkReady> chunks = TestChunks.stored(s3, 42, FILE, 1);
        String id = chunks.get(0).uploadId();
        IngestFinished done;
        infra.stopS3();
        try {
            TestChunks.publish(new TestKafka(json), chunks);
            done = new TestKafka(json).await(Topics.INGEST_FINISHED, id, 1, IngestFinished.class, WAIT).get(0);
        } finally {
            infra.startS3();
        }

        assertEquals(IngestState.FAILED, done.state(), done.toString());
        assertEquals(3, done.chunksFailed());
        List<String> errors = rows("SELECT state || ' ' || error FROM ingest_chunks WHERE upload_id = ?::uuid"
                + " ORDER BY chunk_index", id);
        assertEquals(3, errors.size(), errors.toString());
        for (int i = 0; i < 3; i++) {
            String prefix = "FAILED chunk " + (i + 1) + " of 3 failed after ";
            assertTrue(errors.get(i).startsWith(prefix) && errors.get(i)
                    .contains(" attempts: infrastructure unavailable for longer than 8 s: "), errors.get(i));
        }
        assertEquals(List.of(), rows("SELECT sku FROM products WHERE src_upload = 42", null), "nothing merged");
    }

    private static List<String> rows(String sql, String id) {
        Object[] params = id == null ? new Object[0] : new Object[] { id };
        return Sql.rows(sql, params).stream().map(r -> r.get(0) == null ? null : r.get(0).toString()).toList();
    }
}
