package io.lfp.ingest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lfp.events.ChunkReady;
import io.lfp.events.FailedChunk;
import io.lfp.events.IngestFinished;
import io.lfp.events.IngestProgressed;
import io.lfp.events.IngestState;
import io.lfp.events.RetryRequested;
import io.lfp.events.Topics;
import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.security.testing.TestTokens;
import io.lfp.testing.Sql;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A chunk that fails (its object missing, its transaction failing after the COPY, records other than the planned
 * ones, too long to read, staged rows lost to a database restart) fails the job with the exact error and merges
 * nothing; a retry runs what is needed and loads the file exactly.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@WithTestResource(TestTokens.Resource.class)
class FailedChunkTest extends ChunkIngestTestBase {

    @Test
    void aChunkWhoseObjectIsMissingFailsTheJobMergingNothingAndARetryAfterItIsBackLoadsExactly() throws Exception {
        byte[] file = "name,sku,description\r\nA,f1,x\r\nB,f2,y\r\nC,f3,z\r\n".getBytes(StandardCharsets.UTF_8);
        List<ChunkReady> chunks = new ArrayList<>(chunks(14, file, 1));
        ChunkReady c = chunks.get(1);
        String missingKey = c.key() + ".missing";
        chunks.set(1, new ChunkReady(c.version(), c.uploadId(), c.uploadSeq(), c.chunkIndex(), c.chunksTotal(),
                c.bucket(), missingKey, c.rangeStart(), c.rangeEnd(), c.firstRecord(), c.firstLine(), c.records(),
                c.bytesTotal(), c.recordsTotal(), 0));
        sql("INSERT INTO products (sku, name, description, src_upload, src_line) VALUES ('f2', 'Old', 'old', 1, 1)");
        List<Product> before = products();
        publish(chunks);
        String id = c.uploadId();
        String error = "chunk 2 of 3 failed after 3 attempts: Object not found: s3://" + c.bucket() + "/" + missingKey;
        IngestFinished done = awaitFinished(id, 1).get(0);
        // all or nothing: the two good chunks are staged, not merged; the failed one is listed for a retry
        assertEquals(new IngestFinished(3, id, IngestState.FAILED, 2, 2, 0, 0, null, null, error, 3, 1,
                List.of(new FailedChunk(1, 2, 2, 3, 3L, error)), true, 0), withoutTimes(done));
        assertEquals(before, products());
        assertEquals(Map.of(), deltasOf(id));
        assertEquals(List.of("ingest_staging_" + id.replace("-", "")), stagingTables());
        assertEquals(new ChunkRow(1, "FAILED", 0, 0, 0, c.rangeEnd() - c.rangeStart(), 3, error),
                chunkRows(id).get(1));
        asViewer().get("/api/jobs/{id}", id).then().statusCode(200)
                .body("state", equalTo("FAILED"))
                .body("chunksDone", equalTo(2))
                .body("chunksFailed", equalTo(1))
                .body("retryable", equalTo(true))
                .body("failedAt", org.hamcrest.Matchers.notNullValue())
                .body("productsWritten", equalTo(0))
                .body("error", equalTo(error));

        // the object is back: retry 1 runs the failed chunk only, then merges as if it had never failed
        TestChunks.put(s3, c.bucket(), missingKey, Arrays.copyOfRange(file, 0, file.length));
        kafka.send(Topics.INGEST_RETRY_REQUESTED, id, new RetryRequested(1, id, 1, Instant.now()));
        IngestFinished retried = awaitFinished(id, 2).get(1);
        assertEquals(new IngestFinished(3, id, IngestState.COMPLETED, 3, 3, 0, 3, null, null, null, 3, 0, List.of(),
                false, 1), withoutTimes(retried));
        assertEquals(expectedProducts(Map.of(14L, file)), products());
        assertEquals(List.of(), stagingTables());
        assertEquals(List.of("DONE", "DONE", "DONE"), chunkRows(id).stream().map(ChunkRow::state).toList());
        asViewer().get("/api/jobs/{id}", id).then().statusCode(200)
                .body("state", equalTo("COMPLETED"))
                .body("bytesRead", equalTo(file.length))
                .body("retryable", equalTo(false))
                .body("failedAt", nullValue())
                .body("retries", equalTo(1));

        // the same request delivered again changes nothing; a retry of a job that is not failed runs nothing and
        // is answered with the job's end, numbered as that retry (so an upload waiting for it learns it)
        kafka.send(Topics.INGEST_RETRY_REQUESTED, id, new RetryRequested(1, id, 1, Instant.now()));
        kafka.send(Topics.INGEST_RETRY_REQUESTED, id, new RetryRequested(1, id, 2, Instant.now()));
        IngestFinished refused = awaitFinished(id, 3).get(2);
        assertEquals(new IngestFinished(3, id, IngestState.COMPLETED, 3, 3, 0, 3, null, null, null, 3, 0, List.of(),
                false, 2), withoutTimes(refused));
        Thread.sleep(1000);
        assertEquals(3, kafka.allWithKey(Topics.INGEST_FINISHED, id, IngestFinished.class).size());
        asViewer().get("/api/jobs/{id}", id).then().statusCode(200)
                .body("state", equalTo("COMPLETED"))
                .body("retries", equalTo(1));
        assertEquals(expectedProducts(Map.of(14L, file)), products());
    }

    @Test
    void aChunkFailingAfterItsRowsWereCopiedLeavesNoneOfThemAndNothingMergesUntilARetrySucceeds() throws Exception {
        byte[] file = "name,sku,description\r\nAAAAAA,k1,x\r\nB,k2,y\r\nboom\r\nCCCCCC,k3,z\r\n"
                .getBytes(StandardCharsets.UTF_8);
        List<ChunkReady> chunks = chunks(21, file, 12); // [k1], [k2, boom], [k3]
        assertEquals(List.of(1L, 2L, 1L), chunks.stream().map(ChunkReady::records).toList());
        String id = chunks.get(0).uploadId();
        // the middle chunk's transaction fails at its rejected row: after its chunk row and its COPY
        sql("CREATE FUNCTION test_fail_rejected() RETURNS trigger LANGUAGE plpgsql AS $$"
                + " BEGIN RAISE EXCEPTION 'injected failure'; END $$",
                "CREATE TRIGGER test_fail_rejected BEFORE INSERT ON rejected_rows FOR EACH ROW"
                        + " WHEN (NEW.raw_text = 'boom') EXECUTE FUNCTION test_fail_rejected()");
        try {
            publish(chunks);
            String error = "chunk 2 of 3 failed after 3 attempts: ERROR: injected failure (P0001)";
            assertEquals(new IngestFinished(3, id, IngestState.FAILED, 2, 2, 0, 0, null, null, error, 3, 1,
                    List.of(new FailedChunk(1, 2, 3, 3, 4L, error)), true, 0), withoutTimes(awaitFinished(id, 1).get(0)));
            assertEquals(List.of(), products());
            assertEquals(List.of(), rejectedRows(id));
            assertEquals(new ChunkRow(1, "FAILED", 0, 0, 0, chunks.get(1).rangeEnd() - chunks.get(1).rangeStart(), 3,
                    error), chunkRows(id).get(1));
        } finally {
            sql("DROP TRIGGER IF EXISTS test_fail_rejected ON rejected_rows",
                    "DROP FUNCTION IF EXISTS test_fail_rejected()");
        }
        kafka.send(Topics.INGEST_RETRY_REQUESTED, id, new RetryRequested(1, id, 1, Instant.now()));
        IngestFinished retried = awaitFinished(id, 2).get(1);
        assertEquals(new IngestFinished(3, id, IngestState.COMPLETED_WITH_ERRORS, 4, 3, 1, 3, null, null, null, 3, 0,
                List.of(), false, 1), withoutTimes(retried));
        assertEquals(List.of(new Product("k1", "AAAAAA", "x", 21, 1), new Product("k2", "B", "y", 21, 2),
                new Product("k3", "CCCCCC", "z", 21, 4)), products());
        assertEquals(List.of(new Rejected(3, 4, rejectedRows(id).get(0).reason(), "boom")), rejectedRows(id));
    }

    @Test
    void aChunkWhoseRecordsAreNotThePlannedOnesFailsAtOnceStagingNothing() throws Exception {
        byte[] file = "name,sku,description\r\nA,r1,x\r\nB,r2,y\r\nC,r3,z\r\n".getBytes(StandardCharsets.UTF_8);
        List<ChunkReady> chunks = new ArrayList<>(chunks(15, file, 1));
        ChunkReady c = chunks.get(1);
        // what a planner with another record limit would announce
        chunks.set(1, new ChunkReady(c.version(), c.uploadId(), c.uploadSeq(), c.chunkIndex(), c.chunksTotal(),
                c.bucket(), c.key(), c.rangeStart(), c.rangeEnd(), c.firstRecord(), c.firstLine(), 2,
                c.bytesTotal(), c.recordsTotal(), 0));
        publish(chunks);
        String error = "chunk 2 of 3 failed: read 1 records where upload-service planned 2 (are"
                + " lfp.upload.max-record-bytes and lfp.ingest.max-record-bytes equal?)";
        IngestFinished done = awaitFinished(c.uploadId(), 1).get(0);
        assertEquals(IngestState.FAILED, done.state());
        assertEquals(error, done.error());
        assertEquals(new ChunkRow(1, "FAILED", 0, 0, 0, c.rangeEnd() - c.rangeStart(), 1, error),
                chunkRows(c.uploadId()).get(1));
    }

    @Test
    void aChunkLongerThanTheWorkerReadsFailsUnread() throws Exception {
        byte[] file = "name,sku,description\r\nA,h1,x\r\n".getBytes(StandardCharsets.UTF_8);
        ChunkReady c = chunks(16, file, 1).get(0);
        long end = c.rangeStart() + 64L * 1024 * 1024 + 1; // past lfp.ingest.max-chunk-bytes
        publish(List.of(new ChunkReady(c.version(), c.uploadId(), c.uploadSeq(), 0, 1, c.bucket(), c.key(),
                c.rangeStart(), end, 1, 2, 1, end, 1, 0)));
        String error = "chunk 1 of 1 failed: it is 67108865 bytes long, more than the 67108864 a worker reads"
                + " (lfp.ingest.max-chunk-bytes)";
        IngestFinished done = awaitFinished(c.uploadId(), 1).get(0);
        assertEquals(IngestState.FAILED, done.state());
        assertEquals(error, done.error());
        assertEquals(new ChunkRow(0, "FAILED", 0, 0, 0, end - c.rangeStart(), 1, error), chunkRows(c.uploadId()).get(0));
    }

    @Test
    void stagedRowsLostToADatabaseRestartFailTheJobAndARetryRunsEveryChunkAgain() throws Exception {
        byte[] file = "name,sku,description\r\nA,l1,x\r\nB,l2,y\r\nC,l3,z\r\n".getBytes(StandardCharsets.UTF_8);
        List<ChunkReady> chunks = chunks(31, file, 1); // one record per chunk
        String id = chunks.get(0).uploadId();
        publish(chunks.subList(0, 2));
        kafka.await(Topics.INGEST_PROGRESS, id, 2, IngestProgressed.class, WAIT);
        // what crash recovery does to an UNLOGGED table
        String staging = "ingest_staging_" + id.replace("-", "");
        assertEquals(List.of(staging), stagingTables());
        Sql.update("TRUNCATE " + staging);
        publish(chunks.subList(2, 3));
        IngestFinished done = awaitFinished(id, 1).get(0);
        assertEquals(IngestState.FAILED, done.state());
        assertEquals("Staged rows were lost: PostgreSQL restarted while the upload was being ingested (it empties "
                + "unlogged staging tables on crash recovery); retry the upload to run all its chunks again "
                + "(1 of 3 rows staged)", done.error());
        assertEquals(0, done.productsWritten());
        assertEquals(List.of(), done.failedChunks());
        assertTrue(done.retryable());
        assertEquals(List.of(), products());
        assertEquals(List.of(staging), stagingTables());

        kafka.send(Topics.INGEST_RETRY_REQUESTED, id, new RetryRequested(1, id, 1, Instant.now()));
        IngestFinished retried = awaitFinished(id, 2).get(1);
        assertEquals(new IngestFinished(3, id, IngestState.COMPLETED, 3, 3, 0, 3, null, null, null, 3, 0, List.of(),
                false, 1), withoutTimes(retried));
        assertEquals(expectedProducts(Map.of(31L, file)), products());
        assertEquals(List.of(), stagingTables());
        asViewer().get("/api/jobs/{id}", id).then().statusCode(200).body("bytesRead", equalTo(file.length));
    }
}
