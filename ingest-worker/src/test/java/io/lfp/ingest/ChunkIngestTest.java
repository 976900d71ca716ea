package io.lfp.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lfp.events.AggregatesChanged;
import io.lfp.events.ChunkReady;
import io.lfp.events.FailedChunk;
import io.lfp.events.RetryRequested;
import io.lfp.events.FileUploaded;
import io.lfp.events.UploadAborted;
import io.lfp.events.IngestFinished;
import io.lfp.events.IngestProgressed;
import io.lfp.events.IngestState;
import io.lfp.events.Topics;
import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.security.Roles;
import io.lfp.security.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.specification.RequestSpecification;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The worker against real PostgreSQL, Kafka and S3: files go into S3, their chunks (planned by the
 * test's own quote-aware scanner) into ingest-chunks in any order, and the tests check ingest-finished,
 * the tables and the HTTP API exactly. Test profile: batch size 100, 3 attempts 100 ms apart.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@WithTestResource(TestTokens.Resource.class)
class ChunkIngestTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    S3Client s3;

    @Inject
    ObjectMapper json;

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @TestHTTPResource(value = "/openapi", management = true)
    URL openapi;

    private TestKafka kafka;

    /** A product row as stored. */
    record Product(String sku, String name, String description, long srcUpload, long srcLine) {
    }

    /** A rejected_rows row as stored. */
    record Rejected(long recordNumber, long lineNumber, String reason, String rawText) {
    }

    /** An ingest_chunks row as stored. */
    record ChunkRow(int chunkIndex, String state, long rowsRead, long rowsLoaded, long rowsRejected, long bytes,
            int attempts, String error) {
    }

    @BeforeEach
    void cleanTables() throws Exception {
        kafka = new TestKafka(json);
        try (Connection c = jdbc(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE products, ingest_jobs, ingest_chunks, ingest_merges, rejected_rows, name_count_deltas");
            st.execute("DROP TABLE IF EXISTS uploads");
            for (String staging : stagingTables()) {
                st.execute("DROP TABLE " + staging);
            }
        }
    }

    @Test
    void sampleInSmallChunksInReverseThenShuffledOrderLoadsExactly() throws Exception {
        byte[] sample = resource("/products-sample.csv");
        List<ChunkReady> first = chunks(1, sample, 4096);
        assertTrue(first.size() > 15, "the sample spans many chunks");
        List<ChunkReady> reversed = new ArrayList<>(first);
        Collections.reverse(reversed);
        publish(reversed);
        String id = first.get(0).uploadId();
        IngestFinished done = awaitFinished(id, 1).get(0);
        assertEquals(new IngestFinished(3, id, IngestState.COMPLETED, 499, 499, 0, 499, done.startedAt(),
                done.finishedAt(), null, first.size(), 0), done);
        assertEquals(expectedProducts(Map.of(1L, sample)), products());
        // into an empty table, the merge's count changes are the counts themselves
        assertEquals(countsFromProducts(), deltasOf(id));

        // one progress per chunk (interval 0 in the test profile), counters from the job row
        List<IngestProgressed> progress = kafka.await(Topics.INGEST_PROGRESS, id, first.size(),
                IngestProgressed.class, WAIT);
        IngestProgressed lastProgress = progress.stream().filter(p -> p.chunksDone() == first.size()).findFirst()
                .orElseThrow();
        assertEquals(new IngestProgressed(2, id, IngestState.INGESTING, sample.length, sample.length, 499, 499, 0,
                499, done.startedAt(), lastProgress.at(), first.size(), first.size(), 0, 499), lastProgress);

        asViewer().get("/api/jobs/{id}", id).then().statusCode(200)
                .body("uploadId", equalTo(id))
                .body("uploadSeq", equalTo(1))
                .body("state", equalTo("COMPLETED"))
                .body("bytesTotal", equalTo(sample.length))
                .body("bytesRead", equalTo(sample.length))
                .body("rowsRead", equalTo(499))
                .body("rowsLoaded", equalTo(499))
                .body("rowsRejected", equalTo(0))
                .body("productsWritten", equalTo(499))
                .body("chunksTotal", equalTo(first.size()))
                .body("chunksDone", equalTo(first.size()))
                .body("chunksFailed", equalTo(0))
                .body("recordsTotal", equalTo(499))
                .body("error", nullValue());
        assertEquals(List.of(), rejectedRows(id));

        // the same file again as upload 2, chunks shuffled: every product now comes from upload 2
        List<ChunkReady> second = chunks(2, sample, 4096);
        List<ChunkReady> shuffled = new ArrayList<>(second);
        Collections.shuffle(shuffled, new Random(7));
        publish(shuffled);
        IngestFinished secondDone = awaitFinished(second.get(0).uploadId(), 1).get(0);
        assertEquals(new IngestFinished(3, second.get(0).uploadId(), IngestState.COMPLETED, 499, 499, 0, 499,
                secondDone.startedAt(), secondDone.finishedAt(), null, second.size(), 0), secondDone);
        assertEquals(expectedProducts(Map.of(2L, sample)), products());
        // every product rewritten under the name it had: no count changed
        assertEquals(Map.of(), deltasOf(second.get(0).uploadId()));

        // aggregate-service announces it added upload 1's changes: they are deleted, upload 2's stay
        kafka.send(Topics.AGGREGATES_CHANGED, id, new AggregatesChanged(1, id, 499, 499, Instant.now()));
        Instant deadline = Instant.now().plus(WAIT);
        while (!deltaRowsOf(id).equals(0L) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertEquals(0L, deltaRowsOf(id));
        sql("INSERT INTO name_count_deltas VALUES ('" + second.get(0).uploadId() + "', 0, 'kept', 1)");
        kafka.send(Topics.AGGREGATES_CHANGED, "edit", new AggregatesChanged(1, null, 499, 499, Instant.now()));
        kafka.send(Topics.AGGREGATES_CHANGED, id, new AggregatesChanged(1, id, 499, 499, Instant.now()));
        Thread.sleep(1000);
        assertEquals(1L, deltaRowsOf(second.get(0).uploadId()));
    }

    @Test
    void anIdenticalReuploadSkipsUnchangedRowsUnlessAnEarlierUploadCanStillMerge() throws Exception {
        byte[] sample = resource("/products-sample.csv");
        // upload-service's table, the two columns the merge reads
        sql("CREATE TABLE uploads (seq bigint PRIMARY KEY, status text NOT NULL)",
                "GRANT SELECT ON uploads TO lfp_ingest",
                "INSERT INTO uploads VALUES (51, 'INGESTING'), (52, 'INGESTING'), (53, 'INGESTING')");
        List<ChunkReady> first = chunks(51, sample, 4096);
        publish(first);
        assertEquals(499, awaitFinished(first.get(0).uploadId(), 1).get(0).productsWritten());
        sql("UPDATE uploads SET status = 'COMPLETED' WHERE seq = 51");
        List<List<Object>> before = productsWithTimestamps();

        // every earlier upload ended: the identical file rewrites nothing, positions and timestamps stay
        List<ChunkReady> second = chunks(52, sample, 4096);
        publish(second);
        IngestFinished secondDone = awaitFinished(second.get(0).uploadId(), 1).get(0);
        assertEquals(IngestState.COMPLETED, secondDone.state());
        assertEquals(499, secondDone.rowsLoaded());
        assertEquals(0, secondDone.productsWritten());
        assertEquals(before, productsWithTimestamps());
        assertEquals(Map.of(), deltasOf(second.get(0).uploadId()));

        // upload 52 has not ended in upload-service's eyes, so it could still merge after 53: 53 must move
        // every position forward, or 52 would overwrite the rows 53 left alone
        List<ChunkReady> third = chunks(53, sample, 4096);
        publish(third);
        assertEquals(499, awaitFinished(third.get(0).uploadId(), 1).get(0).productsWritten());
        assertEquals(expectedProducts(Map.of(53L, sample)), products());
    }

    @Test
    void skusRepeatedAcrossChunksKeepTheirLastOccurrenceInAnyOrder() throws Exception {
        // 2,000 records; every 10th sku reappears later in the file (other chunks) with another name
        StringBuilder csv = new StringBuilder("name,sku,description\r\n");
        Random random = new Random(42);
        for (int i = 1; i <= 2000; i++) {
            String sku = i % 10 == 0 ? "rep-" + random.nextInt(60) : "sku-" + i;
            csv.append("\"Name ").append(i).append(i % 7 == 0 ? "\nsecond line" : "").append("\",").append(sku)
                    .append(",\"row ").append(i).append(", \"\"quoted\"\"\"\r\n");
        }
        byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
        List<ChunkReady> chunks = chunks(9, file, 4096);
        assertTrue(chunks.size() > 10);
        List<ChunkReady> shuffled = new ArrayList<>(chunks);
        Collections.shuffle(shuffled, new Random(3));
        publish(shuffled);
        String id = chunks.get(0).uploadId();
        IngestFinished done = awaitFinished(id, 1).get(0);
        assertEquals(IngestState.COMPLETED, done.state());
        assertEquals(2000, done.rowsRead());
        assertEquals(2000, done.rowsLoaded());
        List<Product> expected = expectedProducts(Map.of(9L, file));
        assertTrue(expected.size() < 1860, "skus repeat: " + expected.size());
        assertEquals(expected, products());
        // the merge writes every distinct sku once, whatever order the chunks were staged in
        assertEquals(expected.size(), done.productsWritten());
        assertEquals(List.of(), stagingTables());
        assertEquals(countsFromProducts(), deltasOf(id));
    }

    @Test
    void aChunkDeliveredAgainAlsoConcurrentlyIsCountedOnceAndTheResultReannounced() throws Exception {
        byte[] file = "name,sku,description\r\nA,a1,x\r\nB,b1,y\r\nA2,a1,z\r\nC,c1,w\r\n".getBytes(StandardCharsets.UTF_8);
        List<ChunkReady> chunks = chunks(4, file, 1); // one record per chunk
        assertEquals(4, chunks.size());
        String id = chunks.get(0).uploadId();
        publish(chunks.subList(1, 4));
        kafka.await(Topics.INGEST_PROGRESS, id, 3, IngestProgressed.class, WAIT);

        // the last chunk twice at once: one commits and ends the job, the other finds it recorded
        publish(List.of(chunks.get(0), chunks.get(0)));
        List<IngestFinished> both = awaitFinished(id, 2);
        IngestFinished first = both.get(0);
        assertEquals(new IngestFinished(3, id, IngestState.COMPLETED, 4, 4, 0, 3, first.startedAt(),
                first.finishedAt(), null, 4, 0), first);
        assertEquals(first, both.get(1));
        List<List<Object>> before = productsWithTimestamps();

        publish(List.of(chunks.get(2)));
        assertEquals(first, awaitFinished(id, 3).get(2));
        assertEquals(before, productsWithTimestamps());
        assertEquals(List.of(new Product("a1", "A2", "z", 4, 3), new Product("b1", "B", "y", 4, 2),
                new Product("c1", "C", "w", 4, 4)), products());
        assertEquals(4, chunkRows(id).size());
        asViewer().get("/api/jobs/{id}", id).then().statusCode(200)
                .body("rowsRead", equalTo(4))
                .body("bytesRead", equalTo(file.length))
                .body("chunksDone", equalTo(4));
    }

    @Test
    void badRowsInSeveralChunksAreRejectedWithTheirRecordAndLineNumbers() throws Exception {
        String longSku = "s".repeat(256);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("name,sku,description\r\n"
                + "good1,g1,d1\r\n"                      // record 1, line 2
                + "only,two\r\n"                         // record 2, line 3
                + "noname,,desc\r\n"                     // record 3, line 4
                + "n," + longSku + ",d\r\n"              // record 4, line 5
                + "\"multi\nline\",g2,\"d\nd\"\r\n"      // record 5, lines 6-8 (two LFs in quotes)
                + "bad").getBytes(StandardCharsets.UTF_8)); // record 6, line 9
        out.write(0xC3);
        out.write(0x28);
        out.writeBytes((",g3,d\r\n"
                + "good4,g4,\"has, comma\"\r\n"          // record 7, line 10
                + "trunc,g5,\"never closed\nmore").getBytes(StandardCharsets.UTF_8)); // record 8, line 11
        byte[] file = out.toByteArray();
        List<ChunkReady> chunks = chunks(3, file, 20);
        assertTrue(chunks.size() >= 5, "rejects fall into several chunks");
        List<ChunkReady> reversed = new ArrayList<>(chunks);
        Collections.reverse(reversed);
        publish(reversed);
        String id = chunks.get(0).uploadId();

        IngestFinished done = awaitFinished(id, 1).get(0);
        assertEquals(new IngestFinished(3, id, IngestState.COMPLETED_WITH_ERRORS, 8, 3, 5, 3, done.startedAt(),
                done.finishedAt(), null, chunks.size(), 0), done);
        assertEquals(List.of(
                new Product("g1", "good1", "d1", 3, 1),
                new Product("g2", "multi\nline", "d\nd", 3, 5),
                new Product("g4", "good4", "has, comma", 3, 7)), products());
        assertEquals(List.of(
                new Rejected(2, 3, "expected 3 fields but found 2", "only,two"),
                new Rejected(3, 4, "empty sku", "noname,,desc"),
                new Rejected(4, 5, "sku longer than 255 characters", "n," + longSku + ",d"),
                new Rejected(6, 9, "invalid UTF-8", "bad\uFFFD(,g3,d"),
                new Rejected(8, 11, "unterminated quoted field at end of file", "trunc,g5,\"never closed\nmore")),
                rejectedRows(id));
    }

    @Test
    void thousandsOfRejectedRowsFromManyChunksAreStoredWithTheirNumbers() throws Exception {
        StringBuilder text = new StringBuilder("name,sku,description\r\n");
        for (int i = 1; i <= 2500; i++) {
            text.append("only-").append(i).append("\r\n");
        }
        text.append("Kept,kept-1,fine\r\n");
        List<ChunkReady> chunks = chunks(12, text.toString().getBytes(StandardCharsets.UTF_8), 4096);
        List<ChunkReady> shuffled = new ArrayList<>(chunks);
        Collections.shuffle(shuffled, new Random(1));
        publish(shuffled);
        String id = chunks.get(0).uploadId();
        assertEquals(new IngestFinished(3, id, IngestState.COMPLETED_WITH_ERRORS, 2501, 1, 2500, 1, null, null, null,
                chunks.size(), 0), withoutTimes(awaitFinished(id, 1).get(0)));
        assertEquals(List.of(new Product("kept-1", "Kept", "fine", 12, 2501)), products());
        List<Rejected> expected = new ArrayList<>();
        for (int i = 1; i <= 2500; i++) {
            expected.add(new Rejected(i, i + 1, "expected 3 fields but found 1", "only-" + i));
        }
        assertEquals(expected, rejectedRows(id));
    }

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
    void aQuoteNeverClosedCostsOnlyTheRecordLimitAndTheRecordsAfterItLoad() throws Exception {
        String broken = "C,m3,\"open" + "\nswallowed,row,z".repeat(20_000);
        String text = "name,sku,description\r\nA,m1,x\r\nB,m2,y\r\n" + broken;
        byte[] file = text.getBytes(StandardCharsets.UTF_8);
        List<ChunkReady> chunks = chunks(13, file, 100_000);
        assertTrue(chunks.size() >= 2, "several chunks");
        publish(chunks);
        String id = chunks.get(0).uploadId();
        // record 3 (line 4) passes the limit of 262,144 bytes in the 16,384th line it swallowed and ends with
        // it; the 3,616 lines after it are records 4 to 3,619
        assertEquals(new IngestFinished(3, id, IngestState.COMPLETED_WITH_ERRORS, 3_619, 3_618, 1, 3, null, null, null,
                chunks.size(), 0, List.of(), false, 0), withoutTimes(awaitFinished(id, 1).get(0)));
        assertEquals(List.of(new Product("m1", "A", "x", 13, 1), new Product("m2", "B", "y", 13, 2),
                new Product("row", "swallowed", "z", 13, 3_619)), products());
        assertEquals(List.of(new Rejected(3, 4,
                "record longer than 262144 bytes (a quote never closed?), skipped up to the next line end",
                broken.substring(0, 262_144))), rejectedRows(id));
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
        try (Connection c = jdbc(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE " + staging);
        }
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

    @Test
    void chunksAnnouncedWhileAFileStreamsInFromPartObjectsMergeOnceItsEndGivesTheirNumber() throws Exception {
        byte[] sample = resource("/products-sample.csv");
        List<ChunkReady> streamed = streamedInParts(61, sample, 4096, 5000);
        String id = streamed.get(0).uploadId();
        Collections.reverse(streamed);
        publish(streamed);
        kafka.await(Topics.INGEST_PROGRESS, id, streamed.size(), IngestProgressed.class, WAIT);
        // every chunk staged, but the number of chunks is not known yet: nothing is merged
        assertEquals(List.of(), products());
        assertEquals(List.of("ingest_staging_" + id.replace("-", "")), stagingTables());

        kafka.send(Topics.FILE_UPLOADED, id, FileUploaded.of(id, 61, streamed.get(0).bucket(),
                streamed.get(0).key(), "products-sample.csv", sample.length, Instant.now(), streamed.size(), 499));
        IngestFinished done = awaitFinished(id, 1).get(0);
        assertEquals(new IngestFinished(3, id, IngestState.COMPLETED, 499, 499, 0, 499, done.startedAt(),
                done.finishedAt(), null, streamed.size(), 0), done);
        assertEquals(expectedProducts(Map.of(61L, sample)), products());
        assertEquals(List.of(), stagingTables());
    }

    @Test
    void anAbortedUploadLoadsNothingEvenFromChunksThatArriveAfterTheAbort() throws Exception {
        byte[] sample = resource("/products-sample.csv");
        List<ChunkReady> streamed = streamedInParts(62, sample, 4096, 5000);
        String id = streamed.get(0).uploadId();
        publish(streamed.subList(0, 3));
        kafka.await(Topics.INGEST_PROGRESS, id, 3, IngestProgressed.class, WAIT);

        kafka.send(Topics.UPLOAD_ABORTED, id, new UploadAborted(UploadAborted.VERSION, id,
                "The client closed the connection", Instant.now()));
        awaitJobState(id, "FAILED");
        IngestFinished failed = awaitFinished(id, 1).get(0);
        assertEquals(IngestState.FAILED, failed.state());
        assertEquals("Upload aborted: The client closed the connection", failed.error());
        assertEquals(0, failed.productsWritten());
        assertEquals(List.of(), products());
        assertEquals(List.of(), stagingTables());
        double skippedBefore = skippedChunks();
        List<ChunkReady> late = streamed.subList(3, streamed.size());
        publish(late);
        Instant deadline = Instant.now().plus(WAIT);
        while (skippedChunks() < skippedBefore + late.size() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertEquals(skippedBefore + late.size(), skippedChunks());

        // another upload goes through as usual
        byte[] other = "name,sku,description\r\nA,after-abort,x\r\n".getBytes(StandardCharsets.UTF_8);
        List<ChunkReady> next = chunks(63, other, 4096);
        publish(next);
        assertEquals(IngestState.COMPLETED, awaitFinished(next.get(0).uploadId(), 1).get(0).state());
        assertEquals(List.of(new Product("after-abort", "A", "x", 63, 1)), products());
        assertEquals(List.of(), stagingTables());
        assertEquals(3, chunkRows(id).size());
        asViewer().get("/api/jobs/{id}", id).then().statusCode(200)
                .body("state", equalTo("FAILED"))
                .body("error", equalTo("Upload aborted: The client closed the connection"))
                .body("productsWritten", equalTo(0));
    }

    @Test
    void interleavedChunksOfTwoUploadsLetTheLaterUploadWinEverySku() throws Exception {
        StringBuilder a = new StringBuilder("name,sku,description\r\n");
        StringBuilder b = new StringBuilder("name,sku,description\r\n");
        for (int i = 1; i <= 600; i++) {
            a.append("First ").append(i).append(",ov-").append(i % 400).append(",a").append(i).append("\r\n");
        }
        for (int i = 1; i <= 500; i++) {
            b.append("Second ").append(i).append(",ov-").append((i * 7) % 450).append(",b").append(i).append("\r\n");
        }
        byte[] fileA = a.toString().getBytes(StandardCharsets.UTF_8);
        byte[] fileB = b.toString().getBytes(StandardCharsets.UTF_8);
        List<ChunkReady> chunksA = chunks(21, fileA, 1024);
        List<ChunkReady> chunksB = chunks(22, fileB, 1024);
        // the later upload's chunks first, in reverse, interleaved with the earlier upload's
        List<ChunkReady> interleaved = new ArrayList<>();
        for (int i = 0; i < Math.max(chunksA.size(), chunksB.size()); i++) {
            if (i < chunksB.size()) {
                interleaved.add(chunksB.get(chunksB.size() - 1 - i));
            }
            if (i < chunksA.size()) {
                interleaved.add(chunksA.get(i));
            }
        }
        publish(interleaved);
        assertEquals(IngestState.COMPLETED, awaitFinished(chunksA.get(0).uploadId(), 1).get(0).state());
        assertEquals(IngestState.COMPLETED, awaitFinished(chunksB.get(0).uploadId(), 1).get(0).state());
        Map<Long, byte[]> uploads = new LinkedHashMap<>();
        uploads.put(21L, fileA);
        uploads.put(22L, fileB);
        List<Product> expected = expectedProducts(uploads);
        assertEquals(450, expected.size());
        assertEquals(expected, products());
        // whichever upload merged first, their count changes add up to the counts
        Map<String, Long> summed = new TreeMap<>(deltasOf(chunksA.get(0).uploadId()));
        deltasOf(chunksB.get(0).uploadId()).forEach((name, delta) -> summed.merge(name, delta, Long::sum));
        summed.values().removeIf(delta -> delta == 0);
        assertEquals(countsFromProducts(), summed);
    }

    @Test
    void aRecordThatIsNotJsonIsSkippedAndTheNextChunkIsIngested() throws Exception {
        kafka.sendRaw(Topics.INGEST_CHUNKS, "garbage:0", "this is not json {");
        byte[] file = "name,sku,description\r\nA,j1,x\r\n".getBytes(StandardCharsets.UTF_8);
        List<ChunkReady> chunks = chunks(15, file, 4096);
        publish(chunks);
        assertEquals(IngestState.COMPLETED, awaitFinished(chunks.get(0).uploadId(), 1).get(0).state());
        assertEquals(List.of(new Product("j1", "A", "x", 15, 1)), products());
    }

    @Test
    void unknownAndMalformedIdsGetClearErrors() {
        String id = UUID.randomUUID().toString();
        asViewer().get("/api/jobs/{id}", id).then().statusCode(404).contentType("application/json")
                .body("error", equalTo("Not found"))
                .body("detail", equalTo("No ingest job for upload " + id));
        asViewer().get("/api/jobs/{id}", "nope").then().statusCode(400).contentType("application/json")
                .body("error", equalTo("Bad request"))
                .body("detail", equalTo("'nope' is not a valid upload id (expected a UUID)"));
    }

    @Test
    void healthMetricsAndOpenApiAreServed() {
        given().get(ready).then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 's3' }.status", equalTo("UP"));
        given().get(metrics).then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("lfp_ingest_rows_loaded_total"));
        given().get(openapi).then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("/api/jobs/{id}"));
    }

    // ---- helpers ----

    /** Stores the file under a new upload id and plans its chunks. */
    /**
     * The file stored the way upload-service stores an upload: as part objects of {@code partSize} bytes,
     * its chunks announced before their number is known (chunksTotal 0, totals unknown).
     */
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
    void textWithTabsBackslashesQuotesNewlinesAndNonAsciiIsStoredExactly() throws Exception {
        byte[] file = ("name,sku,description\r\n"
                + "\"tab\there\",t-1,\"back\\slash \\N \\. \\\\ end\\\"\r\n"
                + "\"\",t-2,\"\"\r\n"
                + "\"Zoë – 東京 🚀\",t-ü,\"\"\"quoted\"\", comma,\nnew line\ttab\"\r\n"
                + "plain,t-4," + "é".repeat(io.lfp.ingest.csv.RecordValidator.MAX_DESCRIPTION) + "\r\n") // 131,072 bytes
                .getBytes(StandardCharsets.UTF_8);
        List<ChunkReady> chunks = chunks(22, file, 40);
        assertTrue(chunks.size() >= 3, "several chunks");
        publish(chunks);
        String id = chunks.get(0).uploadId();
        assertEquals(IngestState.COMPLETED, awaitFinished(id, 1).get(0).state());
        List<Product> expected = expectedProducts(Map.of(22L, file));
        assertEquals(4, expected.size());
        assertEquals(expected, products());
    }

    private List<ChunkReady> streamedInParts(long seq, byte[] file, int chunkSize, int partSize) {
        String id = UUID.randomUUID().toString();
        String bucket = LocalInfraTestResource.infra().bucket();
        String key = "uploads/" + id + "/products.csv";
        for (int from = 0; from < file.length; from += partSize) {
            byte[] bytes = Arrays.copyOfRange(file, from, Math.min(file.length, from + partSize));
            String partKey = ChunkReady.partKey(key, from / partSize + 1);
            TestChunks.put(s3, bucket, partKey, bytes);
        }
        return TestChunks.plan(id, seq, bucket, key, file, chunkSize).stream()
                .map(c -> new ChunkReady(c.version(), c.uploadId(), c.uploadSeq(), c.chunkIndex(), 0, c.bucket(),
                        c.key(), c.rangeStart(), c.rangeEnd(), c.firstRecord(), c.firstLine(), c.records(), 0, 0,
                        partSize))
                .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
    }

    private List<ChunkReady> chunks(long seq, byte[] file, int chunkSize) {
        return TestChunks.stored(s3, seq, file, chunkSize);
    }

    private void publish(List<ChunkReady> chunks) throws Exception {
        kafka.publishChunks(chunks);
    }

    private List<IngestFinished> awaitFinished(String id, int count) throws Exception {
        return kafka.await(Topics.INGEST_FINISHED, id, count, IngestFinished.class, WAIT);
    }

    private static IngestFinished withoutTimes(IngestFinished f) {
        assertNotNull(f.startedAt());
        assertNotNull(f.finishedAt());
        return new IngestFinished(f.version(), f.uploadId(), f.state(), f.rowsRead(), f.rowsLoaded(), f.rowsRejected(),
                f.productsWritten(), null, null, f.error(), f.chunksTotal(), f.chunksFailed(), f.failedChunks(),
                f.retryable(), f.retries());
    }

    /** What products must hold after these uploads, by the test's own parser: later seq, then later record, wins. */
    private static List<Product> expectedProducts(Map<Long, byte[]> uploadsBySeq) {
        Map<String, Product> bySku = new TreeMap<>();
        uploadsBySeq.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(u -> {
            List<Rfc4180.Rec> recs = Rfc4180.parse(new String(u.getValue(), StandardCharsets.UTF_8));
            for (int i = 1; i < recs.size(); i++) {
                List<String> f = recs.get(i).fields();
                bySku.put(f.get(1), new Product(f.get(1), f.get(0), f.get(2), u.getKey(), i));
            }
        });
        return new ArrayList<>(bySku.values());
    }

    private static List<Product> products() throws Exception {
        List<Product> out = new ArrayList<>();
        try (Connection c = jdbc(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT sku, name, description, src_upload, src_line FROM products ORDER BY sku")) {
            while (rs.next()) {
                out.add(new Product(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5)));
            }
        }
        return out;
    }

    /** name → count of products, by SQL over products. */
    private static Map<String, Long> countsFromProducts() throws Exception {
        return nameCounts("SELECT name, count(*) FROM products GROUP BY name");
    }

    /** name → the count change the upload's merge recorded (summed over its buckets). */
    private static Map<String, Long> deltasOf(String uploadId) throws Exception {
        return nameCounts("SELECT name, sum(delta) FROM name_count_deltas WHERE upload_id = '" + uploadId
                + "' GROUP BY name");
    }

    private static Long deltaRowsOf(String uploadId) throws Exception {
        try (Connection c = jdbc(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT count(*) FROM name_count_deltas WHERE upload_id = '" + uploadId + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Map<String, Long> nameCounts(String query) throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = jdbc(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    private static List<List<Object>> productsWithTimestamps() throws Exception {
        List<List<Object>> out = new ArrayList<>();
        try (Connection c = jdbc(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT sku, name, description, src_upload, src_line, updated_at::text"
                        + " FROM products ORDER BY sku")) {
            while (rs.next()) {
                out.add(List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                        rs.getString(6)));
            }
        }
        return out;
    }

    private static List<Rejected> rejectedRows(String id) throws Exception {
        List<Rejected> out = new ArrayList<>();
        try (Connection c = jdbc(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT record_number, line_number, reason, raw_text FROM rejected_rows"
                        + " WHERE upload_id = '" + id + "' ORDER BY record_number")) {
            while (rs.next()) {
                out.add(new Rejected(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)));
            }
        }
        return out;
    }

    private static List<ChunkRow> chunkRows(String id) throws Exception {
        List<ChunkRow> out = new ArrayList<>();
        try (Connection c = jdbc(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT chunk_index, state, rows_read, rows_loaded, rows_rejected, bytes,"
                        + " attempts, error FROM ingest_chunks WHERE upload_id = '" + id + "' ORDER BY chunk_index")) {
            while (rs.next()) {
                out.add(new ChunkRow(rs.getInt(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getInt(7), rs.getString(8)));
            }
        }
        return out;
    }

    /** The job API is for viewers and up. */
    private static RequestSpecification asViewer() {
        return given().header("Authorization", TestTokens.bearer("ingest-viewer", Roles.VIEWER));
    }

    private static void awaitJobState(String id, String state) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (!state.equals(asViewer().get("/api/jobs/{id}", id).then().extract().path("state"))
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        asViewer().get("/api/jobs/{id}", id).then().statusCode(200).body("state", equalTo(state));
    }

    private double skippedChunks() {
        return given().get(metrics).then().statusCode(200).extract().asString().lines()
                .filter(l -> l.startsWith("lfp_ingest_chunks_skipped_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static void sql(String... statements) throws Exception {
        try (Connection c = jdbc(); Statement st = c.createStatement()) {
            for (String statement : statements) {
                st.execute(statement);
            }
        }
    }

    private static List<String> stagingTables() throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection c = jdbc(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT tablename FROM pg_tables WHERE tablename LIKE 'ingest\\_staging\\_%' ORDER BY 1")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    private static Connection jdbc() throws Exception {
        var infra = LocalInfraTestResource.infra();
        return DriverManager.getConnection(infra.jdbcUrl(), infra.pgUser(), infra.pgPassword());
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ChunkIngestTest.class.getResourceAsStream(name)) {
            assertNotNull(in, "missing " + name);
            return in.readAllBytes();
        }
    }
}
