package io.lfp.ingest.csv;

import java.io.StringWriter;
import java.util.List;

import com.opencsv.CSVWriterBuilder;

/**
 * Writes RFC 4180 CSV with opencsv: a field is quoted, its quotes doubled, only when it holds a comma, quote,
 * CR or LF. Reading stays with the record grammar in csv-grammar.
 */
public final class CsvText {

    private CsvText() {
    }

    /** The fields joined with commas, without a line end. */
    public static String join(String... fields) {
        // A StringWriter holds nothing to release and cannot fail, so the CSV writer needs no close.
        StringWriter out = new StringWriter();
        new CSVWriterBuilder(out).withLineEnd("").build().writeAll(List.<String[]> of(fields), false);
        return out.toString();
    }
}
