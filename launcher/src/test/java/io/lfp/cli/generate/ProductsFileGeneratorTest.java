package io.lfp.cli.generate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProductsFileGeneratorTest {
    private static final int ROWS = 20_000;

    @TempDir
    Path dir;

    @Test
    void theFileIsValidRfc4180WithTheRealFilesShape() throws Exception {
        Path file = dir.resolve("products.csv");
        ProductsFileGenerator.Summary summary = ProductsFileGenerator.write(file, ROWS, 42);
        byte[] bytes = Files.readAllBytes(file);
        Parsed csv = Rfc4180.parse(new String(bytes, StandardCharsets.UTF_8));

        assertEquals(List.of("name", "sku", "description"), csv.records.get(0));
        assertEquals(ROWS, csv.records.size() - 1);
        assertEquals(ROWS, summary.rows());
        assertEquals(bytes.length, summary.bytes());
        assertTrue(csv.everyRecordEndsInCrlf, "every record ends in CRLF");

        List<List<String>> rows = csv.records.subList(1, csv.records.size());
        Map<String, Integer> perSku = new HashMap<>();
        Set<String> names = new HashSet<>();
        int multiline = 0;
        int withQuotes = 0;
        for (List<String> row : rows) {
            assertEquals(3, row.size(), "three fields: " + row);
            assertFalse(row.get(0).isBlank());
            assertFalse(row.get(1).isBlank());
            assertTrue(row.get(2).length() <= ProductsFileGenerator.MAX_DESCRIPTION, row.get(2));
            assertFalse(row.get(2).contains("\r"), "no CR inside a description");
            assertTrue(row.get(1).matches("[a-z]+-[a-z]+-[a-z]+|[A-Z]{3}-\\d{6}"), row.get(1));
            perSku.merge(row.get(1), 1, Integer::sum);
            names.add(row.get(0));
            if (row.get(2).contains("\n")) {
                multiline++;
            }
            if (row.get(2).contains("\"")) {
                withQuotes++;
            }
        }
        assertEquals(perSku.size(), summary.distinctSkus(), "distinct skus as reported");
        double repeated = (ROWS - perSku.size()) / (double) ROWS;
        assertTrue(repeated > 0.06 && repeated < 0.08, "about 7% of rows repeat a sku: " + repeated);
        assertTrue(multiline > ROWS * 0.45 && multiline < ROWS * 0.55, "LF inside quotes in about half the rows: " + multiline);
        assertTrue(withQuotes > ROWS * 0.05, "\"\" quotes in descriptions: " + withQuotes);
        assertTrue(new String(bytes, StandardCharsets.UTF_8).contains("\"\""), "doubled quotes in the file");
        assertTrue(names.size() > 2_000, "a long tail of names: " + names.size());
        double bytesPerRow = bytes.length / (double) ROWS;
        assertTrue(bytesPerRow > 170 && bytesPerRow < 210, "about 190 bytes a row: " + bytesPerRow);
    }

    @Test
    void someRepeatsAreFarApartSoTheyCrossChunks() throws Exception {
        Path file = dir.resolve("products.csv");
        ProductsFileGenerator.write(file, ROWS, 7);
        List<List<String>> records = Rfc4180.parse(Files.readString(file)).records;
        Map<String, Integer> firstSeen = new HashMap<>();
        int far = 0;
        for (int i = 1; i < records.size(); i++) {
            Integer first = firstSeen.putIfAbsent(records.get(i).get(1), i);
            if (first != null && i - first > ROWS / 4) {
                far++;
            }
        }
        assertTrue(far > 50, "repeats a quarter of the file apart: " + far);
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedOthers() throws Exception {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        Path c = dir.resolve("c.csv");
        ProductsFileGenerator.write(a, 5_000, 123);
        ProductsFileGenerator.write(b, 5_000, 123);
        ProductsFileGenerator.write(c, 5_000, 124);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(c)));
    }

    @Test
    void zeroRowsIsJustTheHeader() throws Exception {
        Path file = dir.resolve("empty.csv");
        ProductsFileGenerator.Summary summary = ProductsFileGenerator.write(file, 0, 1);
        assertEquals("name,sku,description\r\n", Files.readString(file));
        assertEquals(new ProductsFileGenerator.Summary(0, 22, 0), summary);
    }

    @Test
    void skuWordsAreDistinctSoWordSkusAreUnique() {
        assertEquals(200, new HashSet<>(List.of(Pools.SKU_WORDS)).size());
    }

    record Parsed(List<List<String>> records, boolean everyRecordEndsInCrlf) {
    }

    /** An independent, strict RFC 4180 reader: records end in CRLF outside quotes; LF only inside quotes. */
    static final class Rfc4180 {
        static Parsed parse(String text) {
            List<List<String>> records = new ArrayList<>();
            List<String> record = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean inQuotes = false;
            boolean crlf = true;
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (inQuotes) {
                    if (c == '"') {
                        if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                            continue;
                        }
                        inQuotes = false;
                    } else {
                        field.append(c);
                    }
                    i++;
                    continue;
                }
                switch (c) {
                    case '"' -> {
                        if (field.length() != 0) {
                            throw new IllegalStateException("quote inside an unquoted field at " + i);
                        }
                        inQuotes = true;
                    }
                    case ',' -> {
                        record.add(field.toString());
                        field.setLength(0);
                    }
                    case '\r' -> {
                        if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
                            throw new IllegalStateException("bare CR at " + i);
                        }
                        record.add(field.toString());
                        field.setLength(0);
                        records.add(record);
                        record = new ArrayList<>();
                        i++;
                    }
                    case '\n' -> crlf = false;
                    default -> field.append(c);
                }
                i++;
            }
            if (inQuotes) {
                throw new IllegalStateException("unterminated quote");
            }
            if (field.length() > 0 || !record.isEmpty()) {
                crlf = false; // a last record without its CRLF
                record.add(field.toString());
                records.add(record);
            }
            return new Parsed(records, crlf);
        }
    }
}
