package io.lfp.cli.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lfp.testing.Rfc4180Reader;

class ProductsFileGeneratorTest {
    private static final int ROWS = 20_000;

    @TempDir
    Path dir;

    @Test
    void theFileIsValidRfc4180WithTheRealFilesShape() throws Exception {
        Path file = dir.resolve("products.csv");
        ProductsFileGenerator.Summary summary = ProductsFileGenerator.write(file, ROWS, 42);
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<Rfc4180Reader.Rec> read = Rfc4180Reader.read(text);
        List<List<String>> records = read.stream().map(Rfc4180Reader.Rec::fields).toList();

        assertEquals(List.of("name", "sku", "description"), records.get(0));
        assertEquals(ROWS, records.size() - 1);
        assertEquals(ROWS, summary.rows());
        assertEquals(bytes.length, summary.bytes());
        assertTrue(strictWithCrlfEnds(text, read), "strict RFC 4180, every record ends in CRLF");

        List<List<String>> rows = records.subList(1, records.size());
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
        List<List<String>> records = Rfc4180Reader.records(Files.readString(file));
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

    /**
     * Strict RFC 4180 with CRLF record ends, read back with the tests' reference reader: no record is left open,
     * each record's text is its fields written the RFC 4180 way (quoted only where a field holds a comma, a quote
     * or a line break, inner quotes doubled: so no quote stands in an unquoted field and no bare CR or LF outside
     * quotes), and the records with a CRLF each make up the whole file (the last one's included).
     */
    private static boolean strictWithCrlfEnds(String text, List<Rfc4180Reader.Rec> records) {
        long length = 0;
        for (Rfc4180Reader.Rec record : records) {
            if (record.unterminated() || !record.text().equals(written(record.fields()))) {
                return false;
            }
            length += record.text().length() + 2;
        }
        return length == text.length();
    }

    private static String written(List<String> fields) {
        List<String> out = new ArrayList<>();
        for (String field : fields) {
            boolean quote = field.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
            out.add(quote ? '"' + field.replace("\"", "\"\"") + '"' : field);
        }
        return String.join(",", out);
    }
}
