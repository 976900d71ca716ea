package io.lfp.ingest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.lfp.events.AggregatesChanged;
import io.lfp.events.ChunkReady;
import io.lfp.events.IngestFinished;
import io.lfp.events.IngestProgressed;
import io.lfp.events.IngestState;
import io.lfp.events.Topics;
import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.security.testing.TestTokens;
import io.lfp.testing.Sql;
import io.lfp.testing.TestFiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The merge: a file's chunks in any order load exactly, the later upload and within it the later record wins every
 * sku, unchanged rows are skipped only when no earlier upload can still merge, text is stored byte for byte, and
 * the count changes the merge records add up to the counts.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@WithTestResource(TestTokens.Resource.class)
class ChunkMergeTest extends ChunkIngestTestBase {

    @Test
    void sampleInSmallChunksInReverseThenShuffledOrderLoadsExactly() throws Exception {
        byte[] sample = TestFiles.productsSample();
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
        byte[] sample = TestFiles.productsSample();
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

    /** name → count of products, by SQL over products. */
    private static Map<String, Long> countsFromProducts() {
        return nameCounts("SELECT name, count(*) FROM products GROUP BY name");
    }

    private static Long deltaRowsOf(String uploadId) {
        return Sql.number("SELECT count(*) FROM name_count_deltas WHERE upload_id = ?::uuid", uploadId);
    }
}
