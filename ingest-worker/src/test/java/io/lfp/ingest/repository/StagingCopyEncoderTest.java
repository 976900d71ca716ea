package io.lfp.ingest.repository;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lfp.ingest.domain.ProductRow;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** COPY binary encoding, byte for byte (the round trip through PostgreSQL is in StagingCopyRoundTripTest). */
class StagingCopyEncoderTest {

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
                "5047434f50590aff0d0a00" + "00000000" + "00000000"   // PGCOPY\n\377\r\n\0, flags, extension
                        + "0004"                                      // 4 fields
                        + "00000008" + "0000000000000007"             // record_number 7
                        + "00000003" + "610962"                       // "a\tb": the tab as it is
                        + "00000000"                                  // "": length 0, not NULL (-1)
                        + "00000003" + "5cc3a9"                       // "\é": backslash as it is, é in UTF-8
                        + "ffff"),                                    // trailer
                encode(List.of(new ProductRow("a\tb", "", "\\é", 7)), 64));
    }

    @Test
    void awkwardTextIsSentAsItsUtf8BytesUnescaped() throws Exception {
        assertArrayEquals(expected(AWKWARD), encode(AWKWARD, 65536));
    }

    @Test
    void noRowsAreJustHeaderAndTrailer() throws Exception {
        assertArrayEquals(expected(List.of()), encode(List.of(), 65536));
    }

    @Test
    void theBytesDoNotDependOnTheBufferSizeAndFieldsLongerThanTheBufferPassWhole() throws Exception {
        List<ProductRow> rows = new ArrayList<>(AWKWARD);
        rows.add(new ProductRow("long", "é".repeat(40_000), "x\t".repeat(70_000), 6)); // 80,000 and 140,000 bytes
        byte[] expected = expected(rows);
        for (int size : new int[] { 1, 16, 17, 31, 100, 4096, 65536, 1 << 20 }) {
            assertArrayEquals(expected, encode(rows, size), "buffer of " + size);
        }
    }

    @Test
    void nothingBeyondTheBufferSizeIsHeldBeforeItIsSent() throws Exception {
        List<Integer> writes = new ArrayList<>();
        StagingCopyEncoder encoder = new StagingCopyEncoder((b, off, len) -> writes.add(len), 100);
        for (int i = 0; i < 50; i++) {
            encoder.write(new ProductRow("sku-" + i, "name " + i, "description " + i, i));
        }
        encoder.finish();
        assertTrue(writes.size() > 10, "sent in pieces: " + writes);
        assertTrue(writes.stream().allMatch(len -> len > 0 && len <= 100), "each at most the buffer: " + writes);
    }

    private static byte[] encode(List<ProductRow> rows, int bufferSize) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StagingCopyEncoder encoder = new StagingCopyEncoder(out::write, bufferSize);
        for (ProductRow row : rows) {
            encoder.write(row);
        }
        encoder.finish();
        return out.toByteArray();
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
            for (String text : new String[] { row.sku(), row.name(), row.description() }) {
                byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                out.writeInt(utf8.length);
                out.write(utf8);
            }
        }
        out.writeShort(-1);
        return bytes.toByteArray();
    }
}
