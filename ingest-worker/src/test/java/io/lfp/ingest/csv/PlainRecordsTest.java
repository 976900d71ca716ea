package io.lfp.ingest.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.lfp.ingest.CopyRows;
import io.lfp.ingest.domain.CsvRecord;
import io.lfp.ingest.domain.ProductRow;
import io.lfp.ingest.domain.RejectedRow;
import io.lfp.ingest.repository.StagedRows;

/**
 * The fast way ({@link PlainRecords}) must stage exactly the row the general way (decode, CsvFields,
 * {@link RecordValidator}) would, and leave every other record to it.
 */
class PlainRecordsTest {

    private static final long LIMIT = 262_144;

    private static final String[] NAME_PIECES = { "Dr.", "Zoë", "Ødegård", "O'Brien", "東京", "🚀", "a,b", "say \"hi\"",
            "x", " ", "-", "é" };

    @Test
    void recordsShapedLikeTheRealFileAllTakeTheFastWayAndGiveTheGeneralWaysRow() throws Exception {
        Random random = new Random(7);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        int records = 20_000;
        for (int i = 0; i < records; i++) {
            write(file, field(name(random)) + "," + field("SKU-" + random.nextInt(5000)) + ","
                    + field(description(random)) + "\r\n");
        }
        Comparison c = compare(file.toByteArray());
        assertEquals(records, c.fast, "every record staged from its bytes");
        assertEquals(records, c.rows.size());
        assertEquals(0, c.rejected.size());
    }

    @Test
    void awkwardRecordsGiveTheSameRowsAndRejectionsAsTheGeneralWay() throws Exception {
        Random random = new Random(11);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        for (int i = 0; i < 30_000; i++) {
            switch (random.nextInt(6)) {
                case 0 -> write(file, field(name(random)) + "," + field("s" + i) + "," + field(description(random)) + "\r\n");
                case 1 -> file.writeBytes(randomBytes(random)); // stray quotes, bad UTF-8, NUL, CR, LF, commas
                case 2 -> write(file, i % 50 == 0 ? nearLimits(random, i) + "\r\n" : "n,s" + i + ",d\r\n");
                case 3 -> write(file, field(name(random)) + "," + blankish(random) + ",d\r\n");
                case 4 -> write(file, random.nextBoolean() ? "n,s" + i + "\r\n" : "n,s" + i + ",d,extra\r\n");
                default -> write(file, "\"n\"x,s" + i + ",\"d\"" + (random.nextBoolean() ? "" : " ") + "\r\n");
            }
        }
        Comparison c = compare(file.toByteArray());
        assertTrue(c.fast > 5_000 && c.general > 5_000, "both ways taken: " + c.fast + " fast, " + c.general + " general");
        Set<String> reasons = c.rejected.stream().map(RejectedRow::reason).collect(Collectors.toSet());
        assertTrue(reasons.containsAll(Set.of(RecordValidator.INVALID_UTF8, RecordValidator.NUL_CHARACTER,
                RecordValidator.EMPTY_SKU, "expected 3 fields but found 2", "expected 3 fields but found 4",
                "sku longer than 255 characters", "name longer than 1024 characters",
                "description longer than 65536 characters")), "reasons seen: " + reasons);
    }

    @Test
    void eachLimitIsExactInCharactersNotBytes() throws Exception {
        String atLimits = "é".repeat(1024) + ",k" + "東".repeat(254) + ",\"" + "\"\"".repeat(65_536) + "\"\r\n";
        String overSku = "n," + "é".repeat(256) + ",d\r\n";
        String overDescription = "n,s,\"" + "\"\"".repeat(65_537) + "\"\r\n";
        Comparison c = compare((atLimits + overSku + overDescription).getBytes(StandardCharsets.UTF_8));
        assertEquals(1, c.fast);
        assertEquals(List.of("sku longer than 255 characters", "description longer than 65536 characters"),
                c.rejected.stream().map(RejectedRow::reason).toList());
        assertEquals("\"".repeat(65_536), c.rows.get(0).description());
    }

    @Test
    void aQuoteInsideAnUnquotedFieldIsAnOrdinaryCharacterOnTheFastWayToo() throws Exception {
        Comparison c = compare("Bob,sku-1,27\" monitor\r\nAn\"n,sku-\"2\",x\"\r\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(2, c.fast);
        assertEquals(List.of(new ProductRow("sku-1", "Bob", "27\" monitor", 1), new ProductRow("sku-\"2\"", "An\"n", "x\"", 2)),
                c.rows);
    }

    @Test
    void aRecordLeftToTheGeneralWayIsUntouched() throws Exception {
        byte[] record = "\"a\"\"b\",\"\"\"\",\"d\"x".getBytes(StandardCharsets.UTF_8); // text after the last quote
        byte[] before = record.clone();
        assertFalse(new PlainRecords().stage(record, record.length, 1, new StagedRows(0)));
        assertArrayEquals(before, record);
    }

    /** What a comparison saw: records staged the fast way, records left to the general way, the results. */
    private record Comparison(int fast, int general, List<ProductRow> rows, List<RejectedRow> rejected) {
    }

    /**
     * Reads the file both ways record by record, asserting that each record the fast way staged is the
     * general way's valid row; then that ChunkParser.parse gives the general way's rows and rejections.
     */
    private static Comparison compare(byte[] file) throws Exception {
        PlainRecords plain = new PlainRecords();
        List<ProductRow> rows = new ArrayList<>();
        List<RejectedRow> rejected = new ArrayList<>();
        int fast = 0;
        int general = 0;
        ProductCsvReader reader = ProductCsvReader.forChunk(new ByteArrayInputStream(file), 1, 2, LIMIT);
        while (reader.advance()) {
            CsvRecord record = reader.record();
            String reason = RecordValidator.rejectReason(record);
            StagedRows staged = new StagedRows(0);
            boolean tookFastWay = reader.isWhole()
                    && plain.stage(reader.recordBytes(), reader.recordLength(), reader.recordNumber(), staged);
            if (tookFastWay) {
                fast++;
                assertNull(reason, "record " + record.recordNumber() + " staged though the general way rejects it");
                assertEquals(List.of(RecordValidator.toProduct(record)), CopyRows.decode(staged),
                        "record " + record.recordNumber());
            } else {
                general++;
            }
            if (reason == null) {
                rows.add(RecordValidator.toProduct(record));
            } else {
                rejected.add(RecordValidator.toRejected(record, reason));
            }
        }
        ChunkContent content = ChunkParser.parse(new ByteArrayInputStream(file), 1, 2, file.length, LIMIT);
        assertEquals(rows, CopyRows.decode(content.rows()));
        assertEquals(rejected, content.rejected());
        assertEquals(fast + general, content.rowsRead());
        assertNull(content.malformed());
        assertNotNull(content.rows());
        return new Comparison(fast, general, rows, rejected);
    }

    private static String name(Random random) {
        StringBuilder name = new StringBuilder();
        for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
            name.append(i > 0 ? " " : "").append(NAME_PIECES[random.nextInt(NAME_PIECES.length)]);
        }
        return name.toString();
    }

    private static String description(Random random) {
        StringBuilder d = new StringBuilder();
        for (int i = 0, n = random.nextInt(12); i < n; i++) {
            d.append(switch (random.nextInt(8)) {
                case 0 -> "\n";
                case 1 -> "\r\n"; // comes out as LF either way
                case 2 -> "\"quoted\"";
                case 3 -> ", ";
                case 4 -> "é東🚀";
                default -> "word" + random.nextInt(100) + " ";
            });
        }
        return d.toString();
    }

    /** Quoted when it must be, sometimes when it need not be. */
    private static String field(String value) {
        boolean mustQuote = value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
        return mustQuote || value.hashCode() % 3 == 0 ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    private static String nearLimits(Random random, int i) {
        int skuLength = 254 + random.nextInt(3);
        String sku = random.nextBoolean() ? "k".repeat(skuLength) : "é".repeat(skuLength);
        String name = (random.nextBoolean() ? "n" : "\"\"").repeat(1023 + random.nextInt(3));
        String description = "\"\"".repeat(65_535 + random.nextInt(3));
        return "\"" + name + "\"," + sku.substring(0, sku.length() - String.valueOf(i).length()) + i + ",\""
                + description + "\"";
    }

    private static String blankish(Random random) {
        return switch (random.nextInt(7)) {
            case 0 -> "";
            case 1 -> "\"  \"";
            case 2 -> "\t";
            case 3 -> "\u3000"; // ideographic space: whitespace, not ASCII
            case 4 -> "\u00a0"; // no-break space: not whitespace for Character.isWhitespace
            case 5 -> "\u001c";
            default -> " x ";
        };
    }

    private static byte[] randomBytes(Random random) {
        byte[] alphabet = { 'a', ',', '"', ' ', '\n', '\r', 0, (byte) 0xC3, (byte) 0xA9, (byte) 0xFF, (byte) 0xED,
                (byte) 0xA0, (byte) 0x80, (byte) 0xF0, (byte) 0x9F, '\t' };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int quotes = 0;
        for (int i = 0, n = random.nextInt(30); i < n; i++) {
            byte b = alphabet[random.nextInt(alphabet.length)];
            quotes += b == '"' ? 1 : 0;
            out.write(b);
        }
        if (quotes % 2 == 1) {
            out.write('"'); // closed, so that the records after it stay records of their own
        }
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
