package io.lfp.ingest;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lfp.events.ChunkReady;
import io.lfp.events.FileUploaded;
import io.lfp.events.IngestFinished;
import io.lfp.events.IngestProgressed;
import io.lfp.events.IngestState;
import io.lfp.events.Topics;
import io.lfp.events.UploadAborted;
import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.security.testing.TestTokens;
import io.lfp.testing.Management;
import io.lfp.testing.TestFiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * How chunks arrive: twice (also at once), as a record that is not JSON, while the file still streams in (merged
 * once file-uploaded gives their number), or after the upload was aborted (nothing of it loads).
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@WithTestResource(TestTokens.Resource.class)
class ChunkDeliveryTest extends ChunkIngestTestBase {

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
    void aRecordThatIsNotJsonIsSkippedAndTheNextChunkIsIngested() throws Exception {
        kafka.sendRaw(Topics.INGEST_CHUNKS, "garbage:0", "this is not json {");
        byte[] file = "name,sku,description\r\nA,j1,x\r\n".getBytes(StandardCharsets.UTF_8);
        List<ChunkReady> chunks = chunks(15, file, 4096);
        publish(chunks);
        assertEquals(IngestState.COMPLETED, awaitFinished(chunks.get(0).uploadId(), 1).get(0).state());
        assertEquals(List.of(new Product("j1", "A", "x", 15, 1)), products());
    }

    @Test
    void chunksAnnouncedWhileAFileStreamsInFromPartObjectsMergeOnceItsEndGivesTheirNumber() throws Exception {
        byte[] sample = TestFiles.productsSample();
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
        byte[] sample = TestFiles.productsSample();
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

    /**
     * The file stored the way upload-service stores an upload: as part objects of {@code partSize} bytes,
     * its chunks announced before their number is known (chunksTotal 0, totals unknown).
     */
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

    private static void awaitJobState(String id, String state) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (!state.equals(asViewer().get("/api/jobs/{id}", id).then().extract().path("state"))
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        asViewer().get("/api/jobs/{id}", id).then().statusCode(200).body("state", equalTo(state));
    }

    private static double skippedChunks() {
        return Management.metrics().lines()
                .filter(l -> l.startsWith("lfp_ingest_chunks_skipped_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
