package io.lfp.ingest.repository;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.lfp.ingest.CopyRows;
import io.lfp.ingest.domain.ProductRow;

/** COPY binary encoding, byte for byte (the round trip through PostgreSQL is in StagingCopyRoundTripTest). */
class StagedRowsTest {

    /** Every character COPY's text format would have to escape, quotes, non-ASCII, empty strings. */
    static final List<ProductRow> AWKWARD = List.of(
            new ProductRow("tab\there", "back\\slash \\N \\. \\\\", "line\nfeed and carriage\rreturn\r\n", 1),
            new ProductRow("quote\"d", "'single' \"double\" \"\"", ",comma,", 2),
            new ProductRow("é-東京-🚀", "Zoë Ødegård – naïve", "ß\u00a0\u2028\uFEFF", 3),
            new ProductRow("e", "", "", Long.MAX_VALUE),
            new ProductRow(" ", "\\", "\t", 0));

    @Test
    void oneRowIsHeaderFieldCountLengthsBytesAndTrailer() throws Exception {
        assertArrayEquals(HexFormat.of().parseHex(
                "5047434f50590aff0d0a00" + "00000000" + "00000000" // PGCOPY\n\377\r\n\0, flags, extension
                        + "0004" // 4 fields
                        + "00000008" + "0000000000000007" // record_number 7
                        + "00000000" // name "": length 0, not NULL (-1)
                        + "00000003" + "610962" // sku "a\tb": the tab as it is
                        + "00000003" + "5cc3a9" // "\é": backslash as it is, é in UTF-8
                        + "ffff"), // trailer
                CopyRows.bytes(CopyRows.of(List.of(new ProductRow("a\tb", "", "\\é", 7))), 64));
    }

    @Test
    void awkwardTextIsSentAsItsUtf8BytesUnescaped() throws Exception {
        assertArrayEquals(expected(AWKWARD), CopyRows.bytes(CopyRows.of(AWKWARD), 65536));
        assertEquals(AWKWARD, CopyRows.decode(CopyRows.of(AWKWARD)));
    }

    @Test
    void noRowsAreJustHeaderAndTrailer() throws Exception {
        StagedRows none = new StagedRows(0);
        assertTrue(none.isEmpty());
        assertArrayEquals(expected(List.of()), CopyRows.bytes(none, 65536));
    }

    @Test
    void slicesOfUtf8BytesGiveTheSameRowAsStrings() throws Exception {
        byte[] record = "xxZoë,é-東京-🚀,a \"quoted\" word\nnext lineyy".getBytes(StandardCharsets.UTF_8);
        int firstComma = indexOf(record, ',', 0);
        int secondComma = indexOf(record, ',', firstComma + 1);
        StagedRows fromBytes = new StagedRows(0);
        fromBytes.addUtf8(42, record, 2, firstComma, firstComma + 1, secondComma, secondComma + 1, record.length - 2);
        List<ProductRow> row = List.of(new ProductRow("é-東京-🚀", "Zoë", "a \"quoted\" word\nnext line", 42));
        assertArrayEquals(CopyRows.bytes(CopyRows.of(row), 65536), CopyRows.bytes(fromBytes, 65536));
        assertEquals(1, fromBytes.count());
    }

    @Test
    void theBytesDoNotDependOnTheMessageSizeAndTheBufferGrowsPastItsFirstSize() throws Exception {
        List<ProductRow> rows = new ArrayList<>(AWKWARD);
        rows.add(new ProductRow("long", "é".repeat(40_000), "x\t".repeat(70_000), 6)); // 80,000 and 140,000 bytes
        byte[] expected = expected(rows);
        for (int size : new int[] { 1, 16, 17, 31, 100, 4096, 65536, 1 << 20 }) {
            assertArrayEquals(expected, CopyRows.bytes(CopyRows.of(rows), size), "messages of " + size);
        }
    }

    @Test
    void noMessageIsLongerThanAsked() throws Exception {
        List<Integer> writes = new ArrayList<>();
        StagedRows rows = new StagedRows(16);
        for (int i = 0; i < 50; i++) {
            rows.add(new ProductRow("sku-" + i, "name " + i, "description " + i, i));
        }
        rows.writeTo((b, off, len) -> writes.add(len), 100);
        assertEquals(50, rows.count());
        assertTrue(writes.size() > 10, "sent in pieces: " + writes);
        assertTrue(writes.stream().allMatch(len -> len > 0 && len <= 100), "each at most 100 bytes: " + writes);
    }

    private static int indexOf(byte[] bytes, char c, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** The format as PostgreSQL's documentation of COPY describes it, written independently. */
    private static byte[] expected(List<ProductRow> rows) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write("PGCOPY\n".getBytes(StandardCharsets.US_ASCII));
        out.write(new byte[] { (byte) 0xFF, '\r', '\n', 0 });
        out.writeInt(0);
        out.writeInt(0);
        for (ProductRow row : rows) {
            out.writeShort(4);
            out.writeInt(8);
            out.writeLong(row.recordNumber());
            for (String text : new String[] { row.name(), row.sku(), row.description() }) {
                byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                out.writeInt(utf8.length);
                out.write(utf8);
            }
        }
        out.writeShort(-1);
        return bytes.toByteArray();
    }
}
