package io.lfp.ingest.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.lfp.ingest.domain.CsvRecord;
import io.lfp.testing.Rfc4180Reader;
import io.lfp.testing.TestFiles;

class ProductCsvReaderTest {

    static byte[] sample() {
        return TestFiles.productsSample();
    }

    /**
     * Reads a whole file the way workers see it: as one chunk starting right after the header
     * line (upload-service checks the header and cuts chunks there), record 1 on line 2.
     */
    static List<CsvRecord> readAll(byte[] bytes) throws Exception {
        return readAll(bytes, 262_144);
    }

    static List<CsvRecord> readAll(byte[] bytes, long maxRecordBytes) throws Exception {
        int headerEnd = 0;
        while (headerEnd < bytes.length && bytes[headerEnd] != '\n') {
            headerEnd++;
        }
        int dataStart = Math.min(bytes.length, headerEnd + 1);
        ByteArrayInputStream data = new ByteArrayInputStream(bytes, dataStart, bytes.length - dataStart);
        try (ProductCsvReader reader = ProductCsvReader.forChunk(data, 1, 2, maxRecordBytes)) {
            List<CsvRecord> out = new ArrayList<>();
            CsvRecord r;
            while ((r = reader.next()) != null) {
                out.add(r);
            }
            return out;
        }
    }

    static List<CsvRecord> readAll(String text) throws Exception {
        return readAll(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void sampleFileGivesAll499RecordsWithTheirLinesAndFieldsExactly() throws Exception {
        byte[] bytes = sample();
        List<CsvRecord> records = readAll(bytes);
        List<Rfc4180Reader.Rec> expected = Rfc4180Reader.read(new String(bytes, StandardCharsets.UTF_8));
        assertEquals(500, expected.size(), "header + 499 data records");
        assertEquals(499, records.size());
        for (int i = 0; i < records.size(); i++) {
            CsvRecord got = records.get(i);
            Rfc4180Reader.Rec want = expected.get(i + 1);
            assertEquals(i + 1, got.recordNumber());
            assertEquals(want.line(), got.lineNumber(), "line of record " + (i + 1));
            assertEquals(want.fields(), Arrays.asList(got.fields()), "fields of record " + (i + 1));
            assertFalse(got.isUnreadable());
            assertNull(RecordValidator.rejectReason(got), "record " + (i + 1) + " is valid");
        }
        // Hand-checked: record 3 holds a bare LF inside its quoted description, so record 4 starts on line 6.
        assertEquals(List.of(2L, 3L, 4L, 6L, 7L), records.subList(0, 5).stream().map(CsvRecord::lineNumber).toList());
        assertEquals(845, records.get(498).lineNumber());
        assertEquals("step-onto", records.get(2).fields()[1]);
        assertEquals("Choice should lead budget task. Author best mention.\nOften stuff professional today allow after door"
                + " instead. Model seat fear evidence. Now sing opportunity feeling no season show.",
                records.get(2).fields()[2]);
    }

    @Test
    void quotesCommasAndBackslashesFollowRfc4180() throws Exception {
        List<CsvRecord> records = readAll("name,sku,description\r\n"
                + "\"Say \"\"hi\"\"\",a1,\"one, two\"\r\n"
                + "back\\slash,a2,\"ends in backslash\\\"\r\n"
                + "\"\",a3,\r\n");
        assertEquals(3, records.size());
        assertArrayEquals(new String[] { "Say \"hi\"", "a1", "one, two" }, records.get(0).fields());
        assertArrayEquals(new String[] { "back\\slash", "a2", "ends in backslash\\" }, records.get(1).fields());
        assertArrayEquals(new String[] { "", "a3", "" }, records.get(2).fields());
        assertEquals(List.of(2L, 3L, 4L), records.stream().map(CsvRecord::lineNumber).toList());
    }

    @Test
    void unterminatedQuoteAtEndRejectsOnlyTheLastRecord() throws Exception {
        List<CsvRecord> records = readAll("name,sku,description\r\n"
                + "n1,s1,\"multi\nline\"\r\n"
                + "n2,s2,\"never closed\nsecond line\r\n");
        assertEquals(2, records.size());
        assertArrayEquals(new String[] { "n1", "s1", "multi\nline" }, records.get(0).fields());
        CsvRecord last = records.get(1);
        assertTrue(last.isUnreadable());
        assertEquals(2, last.recordNumber());
        assertEquals(4, last.lineNumber());
        assertEquals("n2,s2,\"never closed\nsecond line", last.rawText());
        assertEquals(RecordValidator.UNTERMINATED, RecordValidator.rejectReason(last));
    }

    @Test
    void invalidUtf8IsDetectedPerRecordWhileAGenuineReplacementCharacterIsValid() throws Exception {
        byte[] head = "name,sku,description\r\nok,s1,d\r\nbad,s2,x".getBytes(StandardCharsets.UTF_8);
        byte[] bad = { (byte) 0xC3, (byte) 0x28 };
        byte[] tail = "y\r\nfine \uFFFD,s3,d\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + bad.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bad, 0, all, head.length, bad.length);
        System.arraycopy(tail, 0, all, head.length + bad.length, tail.length);
        List<CsvRecord> records = readAll(all);
        assertEquals(3, records.size());
        assertNull(RecordValidator.rejectReason(records.get(0)));
        assertEquals(RecordValidator.INVALID_UTF8, RecordValidator.rejectReason(records.get(1)));
        assertEquals("bad,s2,x\uFFFD(y", RecordValidator.toRejected(records.get(1), "x").rawText());
        assertNull(RecordValidator.rejectReason(records.get(2)));
        assertEquals("fine \uFFFD", records.get(2).fields()[0]);
    }

    @Test
    void blankLineIsARecordWithOneField() throws Exception {
        List<CsvRecord> records = readAll("name,sku,description\r\n\r\nn,s,d\r\n");
        assertEquals(2, records.size());
        assertEquals("expected 3 fields but found 1", RecordValidator.rejectReason(records.get(0)));
        assertEquals(3, records.get(1).lineNumber());
    }

    @Test
    void aQuoteNeverClosedCostsOnlyTheRecordLimitThenReadingResumesAtTheNextLineEnd() throws Exception {
        // the record passes 64 bytes in the sixth line it swallowed, and ends at the end of that line
        String text = "name,sku,description\r\nn,s,d\r\nn2,s2,\"open" + "\nmore,m,x".repeat(20) + "\r\nlast,l,z\r\n";
        List<CsvRecord> records = readAll(text.getBytes(StandardCharsets.UTF_8), 64);
        assertEquals(17, records.size());
        CsvRecord broken = records.get(1);
        assertEquals(2, broken.recordNumber());
        assertEquals(3, broken.lineNumber());
        assertEquals("record longer than 64 bytes (a quote never closed?), skipped up to the next line end",
                RecordValidator.rejectReason(broken));
        // only the first 64 bytes are kept
        assertEquals("n2,s2,\"open" + "\nmore,m,x".repeat(5) + "\nmore,m,", broken.rawText());
        for (int i = 2; i < 16; i++) {
            assertArrayEquals(new String[] { "more", "m", "x" }, records.get(i).fields());
            assertEquals(i + 1, records.get(i).recordNumber());
            assertEquals(i + 8, records.get(i).lineNumber());
        }
        assertArrayEquals(new String[] { "last", "l", "z" }, records.get(16).fields());
        assertEquals(24, records.get(16).lineNumber());
    }

    @Test
    void aLineWithoutEndLongerThanTheLimitIsOneRecordKeptToTheLimit() throws Exception {
        List<CsvRecord> records = readAll(("name,sku,description\r\n" + "y".repeat(300_000) + "\r\nn,s,d")
                .getBytes(StandardCharsets.UTF_8), 1000);
        assertEquals(2, records.size());
        assertEquals("y".repeat(1000), records.get(0).rawText());
        assertArrayEquals(new String[] { "n", "s", "d" }, records.get(1).fields());
        assertEquals(3, records.get(1).lineNumber());
    }

    @Test
    void aQuoteInsideAnUnquotedFieldIsAnOrdinaryCharacter() throws Exception {
        List<CsvRecord> records = readAll("name,sku,description\r\n"
                + "Bob,sku-1,27\" monitor\r\n"
                + "Ann,a\"1,\"quoted, \"\"fine\"\"\"\r\n"
                + "Cy,c-1,\"closed\"then \"more\r\n"
                + "Dee,d-1,end\"\r\n");
        assertEquals(4, records.size());
        assertArrayEquals(new String[] { "Bob", "sku-1", "27\" monitor" }, records.get(0).fields());
        assertArrayEquals(new String[] { "Ann", "a\"1", "quoted, \"fine\"" }, records.get(1).fields());
        assertArrayEquals(new String[] { "Cy", "c-1", "closedthen \"more" }, records.get(2).fields());
        assertArrayEquals(new String[] { "Dee", "d-1", "end\"" }, records.get(3).fields());
        assertEquals(List.of(2L, 3L, 4L, 5L), records.stream().map(CsvRecord::lineNumber).toList());
    }

    @Test
    void aLongValidRecordIsStillRead() throws Exception {
        String description = ("line of text " + "z".repeat(50) + "\n").repeat(1000);
        List<CsvRecord> records = readAll("name,sku,description\r\nn,s,\"" + description + "\"\r\nn2,s2,d\r\n");
        assertEquals(2, records.size());
        assertEquals(description, records.get(0).fields()[2]);
        assertEquals(1003, records.get(1).lineNumber());
    }

    @Test
    void lineBreaksAreReadAsBufferedReaderReadsThemAndComeOutAsLfInsideQuotes() throws Exception {
        List<CsvRecord> records = readAll("name,sku,description\r\n"
                + "n1,s1,\"crlf\r\ninside\"\r\n"
                + "n2,s2,\"lone cr\rinside\"\n"
                + "n3,s3,ends in a lone cr\r"
                + "n4,s4,no line break at the end");
        assertEquals(4, records.size());
        assertArrayEquals(new String[] { "n1", "s1", "crlf\ninside" }, records.get(0).fields());
        assertArrayEquals(new String[] { "n2", "s2", "lone cr\ninside" }, records.get(1).fields());
        assertArrayEquals(new String[] { "n3", "s3", "ends in a lone cr" }, records.get(2).fields());
        assertArrayEquals(new String[] { "n4", "s4", "no line break at the end" }, records.get(3).fields());
        assertEquals(List.of(2L, 4L, 6L, 7L), records.stream().map(CsvRecord::lineNumber).toList());
    }

    @Test
    void manyRecordsAcrossReadBuffersMatchAnIndependentReader() throws Exception {
        // Records of every length from 1 to ~300 characters put line breaks (CRLF between records, LF
        // inside quotes) and quotes at every position of the reader's buffers.
        StringBuilder text = new StringBuilder("name,sku,description\r\n");
        for (int i = 0; i < 20_000; i++) {
            String description = "d".repeat(i % 97) + (i % 3 == 0 ? "\n\"\"quoted\"\", line\n" : "") + "x".repeat(i % 13);
            text.append("Name ").append(i % 7).append(",sku-").append(i).append(",\"").append(description).append("\"\r\n");
        }
        List<CsvRecord> records = readAll(text.toString());
        List<Rfc4180Reader.Rec> expected = Rfc4180Reader.read(text.toString());
        assertEquals(20_001, expected.size());
        assertEquals(20_000, records.size());
        for (int i = 0; i < records.size(); i++) {
            assertEquals(expected.get(i + 1).fields(), Arrays.asList(records.get(i).fields()), "record " + (i + 1));
            assertEquals(expected.get(i + 1).line(), records.get(i).lineNumber(), "line of record " + (i + 1));
        }
    }
}
