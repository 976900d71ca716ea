package io.lfp.upload.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.lfp.upload.TestCsv;
import io.lfp.upload.TestCsv.Rec;
import io.lfp.upload.domain.ChunkPlan;
import io.lfp.upload.domain.FilePlan;

class ChunkPlannerTest {

    private static final String HEADER = "name,sku,description\r\n";

    @ParameterizedTest
    @ValueSource(longs = { 1, 4 * 1024, 16 * 1024, 1024 * 1024 })
    void sampleIsTiledIntoRangesThatEachParseToTheFileRecords(long chunkSize) throws IOException {
        byte[] file = sample();
        // fed in odd-sized pieces, as a network stream would deliver it
        FilePlan plan = plan(file, chunkSize, 997);

        assertEquals(499, plan.recordsTotal());
        assertEquals(file.length, plan.sizeBytes());
        assertTiledAndRecordAligned(file, plan);
        if (chunkSize == 1) {
            assertEquals(499, plan.chunks().size(), "one record per chunk");
        }
        if (chunkSize > file.length) {
            assertEquals(1, plan.chunks().size());
        }
        for (ChunkPlan chunk : plan.chunks().subList(0, plan.chunks().size() - 1)) {
            assertTrue(chunk.rangeEnd() - chunk.rangeStart() >= chunkSize, "only the last chunk is short: " + chunk);
        }
    }

    @Test
    void sampleFedByteByByteGivesTheSamePlanAsFedAtOnce() throws IOException {
        byte[] file = sample();
        assertEquals(plan(file, 4096, file.length), plan(file, 4096, 1));
    }

    @Test
    void crlfInsideQuotesDoubledQuotesAndCommasInQuotesDoNotEndARecord() {
        String csv = HEADER
                + "Ann,a-1,\"two\r\nlines, with comma\"\r\n"
                + "Bob,b-1,\"he said \"\"hi\r\nthere\"\"\"\r\n"
                + "Cy,c-1,plain\r\n";
        byte[] file = bytes(csv);
        FilePlan plan = plan(file, 1, 7);

        int first = HEADER.length();
        int second = first + "Ann,a-1,\"two\r\nlines, with comma\"\r\n".length();
        int third = second + "Bob,b-1,\"he said \"\"hi\r\nthere\"\"\"\r\n".length();
        assertEquals(List.of(
                new ChunkPlan(0, first, second, 1, 2, 1),
                new ChunkPlan(1, second, third, 2, 4, 1),
                new ChunkPlan(2, third, file.length, 3, 6, 1)), plan.chunks());
        assertEquals(3, plan.recordsTotal());
        assertTiledAndRecordAligned(file, plan);
    }

    @Test
    void chunkIsCutAtTheFirstRecordEndAtOrAfterTheSize() {
        String csv = "name,sku,description\n" + "a,1,x\n" + "b,2,y\n" + "c,3,z\n" + "d,4,w\n";
        byte[] file = bytes(csv);
        // 6 bytes per record: a chunk of 7 bytes needs two records
        FilePlan plan = plan(file, 7, file.length);

        assertEquals(List.of(new ChunkPlan(0, 21, 33, 1, 2, 2), new ChunkPlan(1, 33, 45, 3, 4, 2)), plan.chunks());
        // exactly 6: one record each
        assertEquals(4, plan(file, 6, 3).chunks().size());
    }

    @Test
    void lastRecordWithoutNewlineEndsTheLastChunk() {
        byte[] file = bytes(HEADER + "Ann,a-1,x\r\nBob,b-1,y");
        FilePlan plan = plan(file, 1024, 5);

        assertEquals(List.of(new ChunkPlan(0, HEADER.length(), file.length, 1, 2, 2)), plan.chunks());
        assertEquals(2, plan.recordsTotal());
        assertTiledAndRecordAligned(file, plan);
    }

    @Test
    void unterminatedQuoteRunsToTheEndOfTheFile() {
        byte[] file = bytes(HEADER + "Ann,a-1,x\r\nBob,b-1,\"never closed\r\nCy,c-1,z\r\n");
        FilePlan plan = plan(file, 1, 4);

        int second = HEADER.length() + "Ann,a-1,x\r\n".length();
        assertEquals(List.of(new ChunkPlan(0, HEADER.length(), second, 1, 2, 1),
                new ChunkPlan(1, second, file.length, 2, 3, 1)), plan.chunks());
        assertEquals(2, plan.recordsTotal());
    }

    @Test
    void nothingAfterTheLastNewlineMakesNoEmptyChunk() {
        byte[] file = bytes(HEADER + "Ann,a-1,x\r\n");
        FilePlan plan = plan(file, 1, 1);

        assertEquals(List.of(new ChunkPlan(0, HEADER.length(), file.length, 1, 2, 1)), plan.chunks());
    }

    @Test
    void headerOnlyOrEmptyFileHasNoChunks() {
        for (String csv : List.of("", "name,sku,description", HEADER, "name,sku,description\n")) {
            FilePlan plan = plan(bytes(csv), 1, 3);
            assertEquals(List.of(), plan.chunks(), csv);
            assertEquals(0, plan.recordsTotal(), csv);
            assertEquals(csv.length(), plan.sizeBytes());
        }
    }

    @Test
    void finishIsIdempotent() {
        ChunkPlanner planner = new ChunkPlanner(1);
        byte[] file = bytes(HEADER + "a,b,c");
        planner.feed(file, 0, file.length);
        assertEquals(planner.finish(), planner.finish());
    }

    private static FilePlan plan(byte[] file, long chunkSize, int piece) {
        ChunkPlanner planner = new ChunkPlanner(chunkSize);
        for (int offset = 0; offset < file.length; offset += piece) {
            planner.feed(file, offset, Math.min(piece, file.length - offset));
        }
        return planner.finish();
    }

    /**
     * The ranges cover [end of header, file size) with no gap or overlap, and parsing each range on its
     * own gives exactly the file's records, with the right record and line numbers.
     */
    private static void assertTiledAndRecordAligned(byte[] file, FilePlan plan) {
        List<Rec> whole = TestCsv.read(new String(file, StandardCharsets.UTF_8));
        Rec header = whole.get(0);
        List<Rec> expected = whole.subList(1, whole.size());
        assertEquals(List.of("name", "sku", "description"), header.fields());
        assertEquals(expected.size(), plan.recordsTotal());

        long next = new String(file, StandardCharsets.ISO_8859_1).indexOf('\n') + 1;
        List<Rec> concatenated = new ArrayList<>();
        for (int i = 0; i < plan.chunks().size(); i++) {
            ChunkPlan chunk = plan.chunks().get(i);
            assertEquals(i, chunk.index());
            assertEquals(next, chunk.rangeStart(), "no gap, no overlap");
            assertTrue(chunk.rangeEnd() > chunk.rangeStart(), "not empty");
            next = chunk.rangeEnd();

            byte[] range = Arrays.copyOfRange(file, (int) chunk.rangeStart(), (int) chunk.rangeEnd());
            List<Rec> records = TestCsv.read(new String(range, StandardCharsets.UTF_8));
            assertEquals(chunk.records(), records.size(), "records of " + chunk);
            Rec first = expected.get((int) chunk.firstRecord() - 1);
            assertEquals(first.fields(), records.get(0).fields(), "first record of " + chunk);
            assertEquals(first.line(), chunk.firstLine(), "first line of " + chunk);
            assertEquals(concatenated.size() + 1, chunk.firstRecord());
            for (Rec r : records) {
                concatenated.add(new Rec(r.fields(), r.line() + chunk.firstLine() - 1));
            }
        }
        assertEquals(file.length, next, "the last chunk ends at the end of the file");
        assertEquals(expected, concatenated);
    }

    private static byte[] sample() throws IOException {
        try (InputStream in = ChunkPlannerTest.class.getResourceAsStream("/products-sample.csv")) {
            return in.readAllBytes();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
