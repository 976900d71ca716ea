package io.lfp.ingest.domain;

/**
 * One record of a products CSV as the parser saw it.
 *
 * @param recordNumber     1-based, the header excluded
 * @param lineNumber       physical line where the record starts, 1-based (the header is line 1)
 * @param fields           the parsed fields; empty when the record is unterminated
 * @param unterminatedText the record's raw lines when the file ended inside a quoted field, else null
 */
public record CsvRecord(long recordNumber, long lineNumber, String[] fields, String unterminatedText) {

    private static final String[] NO_FIELDS = new String[0];

    public static CsvRecord parsed(long recordNumber, long lineNumber, String[] fields) {
        return new CsvRecord(recordNumber, lineNumber, fields, null);
    }

    public static CsvRecord unterminated(long recordNumber, long lineNumber, String rawText) {
        return new CsvRecord(recordNumber, lineNumber, NO_FIELDS, rawText);
    }

    public boolean isUnterminated() {
        return unterminatedText != null;
    }
}
