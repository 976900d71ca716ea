package io.lfp.upload.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.lfp.testing.Rfc4180Reader;
import io.lfp.testing.Rfc4180Reader.Rec;
import io.lfp.testing.TestFiles;
import io.lfp.upload.domain.ChunkPlan;
import io.lfp.upload.domain.FilePlan;
import io.lfp.upload.domain.RecordTooLongException;

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
        ChunkPlanner planner = planner(1);
        byte[] file = bytes(HEADER + "a,b,c");
        planner.feed(file, 0, file.length);
        assertEquals(planner.finish(), planner.finish());
    }

    @Test
    void aQuoteInsideAnUnquotedFieldIsAnOrdinaryCharacter() {
        String csv = HEADER
                + "Bob,sku-1,27\" monitor\r\n"
                + "Ann,a-\"1,\"quoted, with comma\"\r\n"
                + "Cy,c-1,\"closed\"then \"more\r\n"
                + "Dee,d-1,end\"\r\n";
        byte[] file = bytes(csv);
        for (int piece = 1; piece <= 8; piece++) {
            FilePlan plan = plan(file, 1, piece);
            assertEquals(4, plan.recordsTotal());
            assertEquals(4, plan.chunks().size(), "one chunk per record");
            assertEquals(List.of(2L, 3L, 4L, 5L), plan.chunks().stream().map(ChunkPlan::firstLine).toList());
            assertTiledAndRecordAligned(file, plan);
        }
    }

    @Test
    void aQuoteNeverClosedInTheMiddleCostsOnlyTheRecordLimitThenChunksAreRecordAlignedAgain() {
        String broken = "Bob,b-1,\"never closed\r\n"; // 23 bytes of the record's content with its line break
        String cy = "Cy,c-1,z\r\n";
        String after = "Dee,d-1,w\r\nEve,e-1,v\r\n";
        byte[] file = bytes(HEADER + "Ann,a-1,x\r\n" + broken + cy.repeat(4) + after);
        FilePlan plan = plan(file, 1, 30, 3);

        long brokenStart = HEADER.length() + "Ann,a-1,x\r\n".length();
        // with a limit of 30 bytes the broken record passes it in the first line it swallowed, and ends there
        long brokenEnd = brokenStart + broken.length() + cy.length();
        long dee = brokenEnd + 3 * cy.length();
        assertEquals(List.of(
                new ChunkPlan(0, HEADER.length(), brokenStart, 1, 2, 1),
                new ChunkPlan(1, brokenStart, brokenEnd, 2, 3, 1),
                new ChunkPlan(2, brokenEnd, brokenEnd + 10, 3, 5, 1),
                new ChunkPlan(3, brokenEnd + 10, brokenEnd + 20, 4, 6, 1),
                new ChunkPlan(4, brokenEnd + 20, dee, 5, 7, 1),
                new ChunkPlan(5, dee, dee + 11, 6, 8, 1),
                new ChunkPlan(6, dee + 11, file.length, 7, 9, 1)), plan.chunks());
        assertEquals(7, plan.recordsTotal());
    }

    @Test
    void crLfAndLoneCrEndRecordsAlsoWhenTheCrIsTheLastByteOfARead() {
        byte[] file = bytes("name,sku,description\rAnn,a-1,x\rBob,b-1,\"two\rlines\"\r\nCy,c-1,z\r");
        for (int piece = 1; piece <= file.length; piece++) {
            FilePlan plan = plan(file, 1, 1024, piece);
            long ann = "name,sku,description\r".length();
            long bob = ann + "Ann,a-1,x\r".length();
            long cy = bob + "Bob,b-1,\"two\rlines\"\r\n".length();
            assertEquals(List.of(new ChunkPlan(0, ann, bob, 1, 2, 1), new ChunkPlan(1, bob, cy, 2, 3, 1),
                    new ChunkPlan(2, cy, file.length, 3, 5, 1)), plan.chunks(), "read " + piece + " bytes at a time");
        }
    }

    @Test
    void noChunkGrowsPastTheHardCap() {
        // the cap is raised to chunk size + record limit + 2 = 64 + 32 + 2 = 98 bytes
        ChunkPlanner planner = new ChunkPlanner(64, 1, 32);
        byte[] ok = bytes(HEADER + "Ann,a-1,x\r\n");
        planner.feed(ok, 0, ok.length);
        byte[] endless = bytes("Bob,b-1," + "y".repeat(200));
        RecordTooLongException e = assertThrows(RecordTooLongException.class,
                () -> planner.feed(endless, 0, endless.length));
        assertEquals("The record starting on line 3 has no line end within 98 bytes; a products CSV has one record"
                + " per line, apart from line breaks in quoted fields", e.detail());
    }

    @Test
    void anOversizedLineThatEndsBeforeTheCapIsOneRecord() {
        byte[] file = bytes(HEADER + "Bob,b-1," + "y".repeat(60) + "\r\nCy,c-1,z\r\n");
        FilePlan plan = plan(file, 64, 32, 7);
        long cy = HEADER.length() + "Bob,b-1,".length() + 60 + 2;
        assertEquals(List.of(new ChunkPlan(0, HEADER.length(), cy, 1, 2, 1),
                new ChunkPlan(1, cy, file.length, 2, 3, 1)), plan.chunks());
    }

    private static ChunkPlanner planner(long chunkSize) {
        return new ChunkPlanner(chunkSize, 4 * chunkSize, 262_144);
    }

    private static FilePlan plan(byte[] file, long chunkSize, int piece) {
        return plan(file, chunkSize, 262_144, piece);
    }

    private static FilePlan plan(byte[] file, long chunkSize, long maxRecordBytes, int piece) {
        ChunkPlanner planner = new ChunkPlanner(chunkSize, 4 * chunkSize, maxRecordBytes);
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
        List<Rec> whole = Rfc4180Reader.read(new String(file, StandardCharsets.UTF_8));
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
            List<Rec> records = Rfc4180Reader.read(new String(range, StandardCharsets.UTF_8));
            assertEquals(chunk.records(), records.size(), "records of " + chunk);
            Rec first = expected.get((int) chunk.firstRecord() - 1);
            assertEquals(first.fields(), records.get(0).fields(), "first record of " + chunk);
            assertEquals(first.line(), chunk.firstLine(), "first line of " + chunk);
            assertEquals(concatenated.size() + 1, chunk.firstRecord());
            for (Rec r : records) {
                concatenated.add(r.withLine(r.line() + chunk.firstLine() - 1));
            }
        }
        assertEquals(file.length, next, "the last chunk ends at the end of the file");
        assertEquals(expected, concatenated);
    }

    private static byte[] sample() {
        return TestFiles.productsSample();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
