package io.lfp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lfp.testing.Rfc4180Reader;
import io.restassured.path.json.JsonPath;

/**
 * One {@code "} inside an unquoted field must not flip the reading of the rest of the file, and one quote
 * that is never closed must cost only its own record, up to the record limit. The generated 500k-row file
 * gets stray quotes in unquoted fields at its start, middle and end, and one opening quote that never closes
 * in the middle; uploaded through the whole stack, everything but that broken record lands exactly (compared
 * with an expectation computed by an independent reader), and the broken record is the one rejected row,
 * with its record and line number.
 */
class StrayQuotesIT {

    private static final long ROWS = 500_000;
    /**
     * Above the longest record of the generated file (356 bytes) and its stray quotes, and small, so that a
     * quote never closed can pass it before a later quote closes it.
     */
    private static final int MAX_RECORD_BYTES = 400;
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(10);

    private enum Stray {
        /** {@code Bryce J"ones} */
        IN_NAME,
        /** {@code …single type 27" monitor} */
        IN_DESCRIPTION,
        /** {@code lay-raise-best"} */
        AFTER_SKU,
        /** {@code Bryce Jones ""Jr""}: doubled, still ordinary */
        DOUBLED_IN_NAME,
        /** the record's last character, right before its line break */
        AT_RECORD_END
    }

    @Test
    void strayQuotesAreOrdinaryCharactersAndAQuoteNeverClosedCostsOnlyItsRecord() throws Exception {
        Path generated = E2eFiles.generated("stray-quotes-generated.csv", ROWS, 16);
        // the generator ends every record with CRLF and writes no CR inside one: index i is record i
        String[] records = Files.readString(generated, StandardCharsets.UTF_8).split("\r\n", -1);
        assertEquals(ROWS + 2, records.length, "header, records, and the empty rest after the last CRLF");

        List<Integer> strayAt = new ArrayList<>();
        strayAt.add(addStray(records, 1, Stray.IN_NAME));
        strayAt.add(addStray(records, 2, Stray.IN_DESCRIPTION));
        strayAt.add(addStray(records, 250_000, Stray.AFTER_SKU));
        strayAt.add(addStray(records, 250_010, Stray.DOUBLED_IN_NAME));
        strayAt.add(addStray(records, (int) ROWS - 1, Stray.IN_DESCRIPTION));
        strayAt.add(addStray(records, (int) ROWS, Stray.AT_RECORD_END));
        int broken = openQuoteNeverClosed(records, 300_000);

        String text = String.join("\r\n", records);
        Path file = E2eFiles.target("stray-quotes.csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);

        List<Rfc4180Reader.Rec> read = Rfc4180Reader.read(text, MAX_RECORD_BYTES);
        ExpectedProducts expected = new ExpectedProducts().apply(read);
        List<List<String>> expectedRejected = new ArrayList<>();
        for (int n = 1; n < read.size(); n++) {
            Rfc4180Reader.Rec rec = read.get(n);
            if (rec.fields().size() != 3) {
                assertTrue(rec.oversized(), "the only bad record is the one past the limit: " + rec);
                expectedRejected.add(List.of(String.valueOf(n), String.valueOf(rec.line()),
                        "record longer than " + MAX_RECORD_BYTES + " bytes (a quote never closed?), skipped up to"
                                + " the next line end",
                        firstBytes(rec.text(), MAX_RECORD_BYTES)));
            }
        }
        // the reader agrees with what was planted: one broken record where the quote was opened, the stray
        // quotes kept as characters of their fields
        assertEquals(1, expectedRejected.size());
        assertEquals(String.valueOf(broken), expectedRejected.get(0).get(0));
        assertTrue(expectedRejected.get(0).get(3).startsWith(records[broken]));
        int swallowed = (int) (ROWS - (read.size() - 1));
        assertTrue(swallowed > 0, "the broken record swallowed the lines up to its end");
        for (int n : strayAt) {
            Rfc4180Reader.Rec rec = read.get(n > broken ? n - swallowed : n);
            assertEquals(3, rec.fields().size(), "record " + n);
            assertTrue(String.join(",", rec.fields()).contains("\""), "record " + n + " keeps its quote");
        }

        try (RunningStack system = RunningStack.start("stray-quotes", 2, Map.of(
                "LFP_UPLOAD_MAX_RECORD_BYTES", String.valueOf(MAX_RECORD_BYTES),
                "LFP_INGEST_MAX_RECORD_BYTES", String.valueOf(MAX_RECORD_BYTES)))) {
            String id = system.upload(file);
            JsonPath done = system.assertJobEnds(id, "COMPLETED_WITH_ERRORS", JOB_TIMEOUT);
            assertTrue(done.getInt("chunksTotal") > 5, "several chunks: " + done.getInt("chunksTotal"));
            assertEquals(read.size() - 1, done.getLong("rowsRead"));
            assertEquals(1L, done.getLong("rowsRejected"));

            system.assertTablesMatch(expected);

            String rejectedCsv = system.asAdmin().get(system.settings.uploadApiUrl() + "/" + id + "/rejected")
                    .then().statusCode(200).extract().asString();
            List<List<String>> rejected = Rfc4180Reader.records(rejectedCsv);
            assertEquals(List.of("record_number", "line_number", "reason", "raw_text"), rejected.get(0));
            assertEquals(expectedRejected, rejected.subList(1, rejected.size()));
        }
    }

    /** Puts a stray quote into the first record from {@code near} on whose fields are all unquoted. */
    private static int addStray(String[] records, int near, Stray kind) {
        int n = unquotedRecord(records, near);
        String[] f = records[n].split(",", -1);
        switch (kind) {
            case IN_NAME -> f[0] = f[0].substring(0, f[0].length() - 3) + "\"" + f[0].substring(f[0].length() - 3);
            case IN_DESCRIPTION -> f[2] = f[2] + " 27\" monitor";
            case AFTER_SKU -> f[1] = f[1] + "\"";
            case DOUBLED_IN_NAME -> f[0] = f[0] + " \"\"Jr\"\"";
            case AT_RECORD_END -> f[2] = f[2] + "\"";
        }
        records[n] = String.join(",", f);
        return n;
    }

    /**
     * Opens a quote at the start of a description and never closes it, in a record from which more than the
     * record limit follows without any quote (few do: most descriptions of the generated file are quoted). It
     * becomes a record past the limit that ends with the line in which it passed it, not a quoted field that
     * a later quote closes.
     */
    private static int openQuoteNeverClosed(String[] records, int from) {
        for (int n = from; n < records.length - 1; n++) {
            int bytes = 1; // the quote added
            for (int next = n; next < records.length - 1 && records[next].indexOf('"') < 0; next++) {
                bytes += records[next].getBytes(StandardCharsets.UTF_8).length + 2;
                if (bytes > MAX_RECORD_BYTES + 2) {
                    String[] f = records[n].split(",", -1);
                    records[n] = f[0] + "," + f[1] + ",\"" + f[2];
                    return n;
                }
            }
        }
        throw new AssertionError("no place for the unterminated quote after record " + from);
    }

    /** The nearest record at or after {@code near} (or before, at the end) without any quote: all fields unquoted. */
    private static int unquotedRecord(String[] records, int near) {
        for (int d = 0; d < 1000; d++) {
            for (int n : new int[] { near + d, near - d }) {
                if (n >= 1 && n < records.length - 1 && records[n].indexOf('"') < 0) {
                    return n;
                }
            }
        }
        throw new AssertionError("no unquoted record near " + near);
    }

    /** What the services keep of a record past the limit: its first bytes, decoded. */
    private static String firstBytes(String text, int limit) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new String(Arrays.copyOf(bytes, Math.min(limit, bytes.length)), StandardCharsets.UTF_8);
    }
}
