package io.lfp.ingest.service;

import java.io.StringWriter;
import java.util.List;

import com.opencsv.CSVWriterBuilder;
import com.opencsv.ICSVWriter;

/**
 * Writes RFC 4180 CSV with opencsv: a field is quoted, its quotes doubled, only when it holds a comma, quote,
 * CR or LF. Reading stays with the record grammar in csv-grammar.
 */
public final class CsvText {

    private CsvText() {
    }

    /** The fields joined with commas, without a line end. */
    public static String join(String... fields) {
        return write(List.<String[]>of(fields), "");
    }

    /** The records, each ended with CRLF. */
    public static String lines(List<String[]> records) {
        return write(records, ICSVWriter.RFC4180_LINE_END);
    }

    private static String write(List<String[]> records, String lineEnd) {
        // A StringWriter holds nothing to release and cannot fail, so the CSV writer needs no close.
        StringWriter out = new StringWriter();
        new CSVWriterBuilder(out).withLineEnd(lineEnd).build().writeAll(records, false);
        return out.toString();
    }
}
