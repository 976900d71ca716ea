package io.lfp.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The grammar as one table: each input with the records and fields it must give. The expected fields are
 * what Python 3.11's {@code csv.reader} gives for the same text (checked when the table was written), except
 * where a comment says otherwise. Every input is scanned whole and cut into pieces at every position, so a
 * record end that falls between two reads is found the same way.
 */
class CsvGrammarTest {

    private static final long NO_LIMIT = Long.MAX_VALUE;

    record Case(String input, List<List<String>> records) {
    }

    private static Case c(String input, String[]... records) {
        List<List<String>> expected = new ArrayList<>();
        for (String[] r : records) {
            expected.add(List.of(r));
        }
        return new Case(input, expected);
    }

    private static String[] r(String... fields) {
        return fields;
    }

    static final List<Case> TABLE = List.of(
            // the record: a quote inside an unquoted field is an ordinary character
            c("Bob,sku-1,27\" monitor\r\nAnn,sku-2,ok\r\n", r("Bob", "sku-1", "27\" monitor"), r("Ann", "sku-2", "ok")),
            c("a,b\"c\"d,e\n", r("a", "b\"c\"d", "e")),
            c("a,b\"\nc,d,e\n", r("a", "b\""), r("c", "d", "e")),
            c("a, \"b\",c\n", r("a", " \"b\"", "c")),
            // quoted fields: commas, doubled quotes and line breaks are content
            c("a,\"b,c\",d\n", r("a", "b,c", "d")),
            c("a,\"x\"\"y\",z\n", r("a", "x\"y", "z")),
            c("\"a\"\"\",b,c\n", r("a\"", "b", "c")),
            c("x,\"q\"\",\",y\n", r("x", "q\",", "y")),
            c("a,\"\",c\n", r("a", "", "c")),
            c("a,\"multi\nline\",c\r\nd,e,f\r\n", r("a", "multi\nline", "c"), r("d", "e", "f")),
            c("a,\"x\r\ny\",z\r\n", r("a", "x\r\ny", "z")),
            // characters after a closing quote are kept, and a quote there is ordinary
            c("a,\"abc\"def,z\n", r("a", "abcdef", "z")),
            c("a,\"abc\"de\"f,z\n", r("a", "abcde\"f", "z")),
            c("a,\"b\"x\"\ny\",c\nd,e,f\n", r("a", "bx\""), r("y\"", "c"), r("d", "e", "f")),
            // line breaks: CRLF, LF and a lone CR each end a record; no line break at the end
            c("a,b,c\rd,e,f\r\ng,h,i\n", r("a", "b", "c"), r("d", "e", "f"), r("g", "h", "i")),
            c("a,b,c", r("a", "b", "c")),
            c("a,b,c\r", r("a", "b", "c")),
            // an empty line is a record of one empty field (Python's reader gives it no field at all)
            c("\"a,b\",c\r\r\n", r("a,b", "c"), r("")),
            c("a,b,c\n\nd,e,f\n", r("a", "b", "c"), r(""), r("d", "e", "f")));

    @Test
    void everyCaseGivesTheRecordsAndFieldsOfTheTable() {
        for (Case tc : TABLE) {
            byte[] bytes = tc.input().getBytes(StandardCharsets.UTF_8);
            for (int cut = 0; cut <= bytes.length; cut++) {
                List<Scanned> scanned = scan(bytes, NO_LIMIT, cut);
                List<List<String>> fields = new ArrayList<>();
                for (Scanned s : scanned) {
                    assertFalse(s.oversized() || s.unterminated(), tc.input());
                    fields.add(Arrays.asList(CsvFields.split(s.text())));
                }
                assertEquals(tc.records(), fields, "input " + tc.input().replace("\r", "\\r").replace("\n", "\\n")
                        + " cut at " + cut);
            }
        }
    }

    @Test
    void linesCountCrlfLfAndLoneCrOnceEachAlsoInsideQuotes() {
        List<Scanned> scanned = scan("a,\"1\r\n2\n3\r4\",b\r\nc,d,e\rf,g,h\n".getBytes(StandardCharsets.UTF_8),
                NO_LIMIT, 5);
        assertEquals(List.of(1L, 5L, 6L), scanned.stream().map(Scanned::line).toList());
    }

    @Test
    void aQuoteOpenAtTheEndIsUnterminated() {
        List<Scanned> scanned = scan("a,b,c\nd,e,\"never\nclosed".getBytes(StandardCharsets.UTF_8), NO_LIMIT, 3);
        assertEquals(2, scanned.size());
        assertFalse(scanned.get(0).unterminated());
        assertTrue(scanned.get(1).unterminated());
        assertEquals("d,e,\"never\nclosed", scanned.get(1).text());
        assertEquals(2, scanned.get(1).line());
    }

    @Test
    void aClosingQuoteAtTheVeryEndIsNotUnterminated() {
        List<Scanned> scanned = scan("a,b,\"c\"".getBytes(StandardCharsets.UTF_8), NO_LIMIT, 0);
        assertFalse(scanned.get(0).unterminated());
        assertEquals(List.of("a", "b", "c"), Arrays.asList(CsvFields.split(scanned.get(0).text())));
    }

    @Test
    void aQuoteNeverClosedCostsTheRecordLimitAndTheRestOfItsLineThenReadingResumes() {
        // limit 20: the open quote swallows lines until its record has more than 20 bytes; the line break
        // after that ends it, whatever the quotes
        String text = "a,\"open\nb,c,d\ne,f,g\nh,\"i,j\nk,l,m\r\n";
        for (int cut = 0; cut <= text.length(); cut++) {
            List<Scanned> scanned = scan(text.getBytes(StandardCharsets.UTF_8), 20, cut);
            assertEquals(2, scanned.size());
            assertTrue(scanned.get(0).oversized());
            assertEquals("a,\"open\nb,c,d\ne,f,g\nh,\"i,j", scanned.get(0).text());
            assertEquals(1, scanned.get(0).line());
            assertFalse(scanned.get(1).oversized());
            assertEquals("k,l,m", scanned.get(1).text());
            assertEquals(5, scanned.get(1).line());
        }
    }

    @Test
    void aRecordAtTheLimitIsNotOversizedOneByteMoreIs() {
        List<Scanned> scanned = scan("12345\n123456\n1234567".getBytes(StandardCharsets.UTF_8), 6, 0);
        assertEquals(List.of(false, false, true), scanned.stream().map(Scanned::oversized).toList());
        assertEquals(7, scanned.get(2).bytes());
    }

    @Test
    void aLongLineWithoutQuotesIsOversizedToo() {
        List<Scanned> scanned = scan(("x".repeat(100) + "\r\na,b,c\r\n").getBytes(StandardCharsets.UTF_8), 50, 17);
        assertEquals(List.of(true, false), scanned.stream().map(Scanned::oversized).toList());
        assertEquals(2, scanned.get(1).line());
    }

    @Test
    void theLimitMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new RecordScanner(0));
    }

    record Scanned(String text, long line, long bytes, boolean oversized, boolean unterminated) {
    }

    /**
     * Scans {@code bytes} as two reads, {@code [0, cut)} and {@code [cut, end)}, the way both users do:
     * each record's text without its line break, and the line it starts on.
     */
    static List<Scanned> scan(byte[] bytes, long limit, int cut) {
        RecordScanner scanner = new RecordScanner(limit);
        List<Scanned> out = new ArrayList<>();
        int recordStart = 0;
        long line = 1;
        for (int[] range : new int[][] { { 0, cut }, { cut, bytes.length } }) {
            int at = range[0];
            while (true) {
                int end = scanner.nextRecordEnd(bytes, at, range[1]);
                if (end < 0) {
                    break;
                }
                int contentEnd = end - scanner.terminatorLength();
                out.add(new Scanned(new String(bytes, recordStart, contentEnd - recordStart, StandardCharsets.UTF_8),
                        line, scanner.recordBytes(), scanner.oversized(), scanner.unterminated()));
                assertEquals(contentEnd - recordStart, scanner.recordBytes());
                recordStart = end;
                line = scanner.lineBreaks() + 1;
                at = end;
            }
        }
        if (scanner.finish()) {
            int contentEnd = bytes.length - scanner.terminatorLength();
            out.add(new Scanned(new String(bytes, recordStart, contentEnd - recordStart, StandardCharsets.UTF_8),
                    line, scanner.recordBytes(), scanner.oversized(), scanner.unterminated()));
        }
        return out;
    }
}
