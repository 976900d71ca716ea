package io.lfp.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.lfp.events.ChunkReady;
import io.lfp.events.IngestFinished;
import io.lfp.events.IngestState;
import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.security.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Bad rows, wherever they fall among the chunks, are stored in rejected_rows with their record and line numbers,
 * their reason and their text, and the rows around them load.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@WithTestResource(TestTokens.Resource.class)
class RejectedRowsTest extends ChunkIngestTestBase {

    @Test
    void badRowsInSeveralChunksAreRejectedWithTheirRecordAndLineNumbers() throws Exception {
        String longSku = "s".repeat(256);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("name,sku,description\r\n"
                + "good1,g1,d1\r\n" // record 1, line 2
                + "only,two\r\n" // record 2, line 3
                + "noname,,desc\r\n" // record 3, line 4
                + "n," + longSku + ",d\r\n" // record 4, line 5
                + "\"multi\nline\",g2,\"d\nd\"\r\n" // record 5, lines 6-8 (two LFs in quotes)
                + "bad").getBytes(StandardCharsets.UTF_8)); // record 6, line 9
        out.write(0xC3);
        out.write(0x28);
        out.writeBytes((",g3,d\r\n"
                + "good4,g4,\"has, comma\"\r\n" // record 7, line 10
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
}
