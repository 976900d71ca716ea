package io.lfp.ingest.domain;

/**
 * One record of a products CSV as the parser saw it.
 *
 * @param recordNumber 1-based, the header excluded
 * @param lineNumber physical line where the record starts, 1-based (the header is line 1)
 * @param fields the parsed fields; empty when the record is unreadable
 * @param rawText the record's raw text when it could not be split into fields, else null
 * @param unreadable why it could not be (a quote still open at the end of the file, longer than the record
 *        limit), else null
 */
public record CsvRecord(long recordNumber, long lineNumber, String[] fields, String rawText, String unreadable) {

    private static final String[] NO_FIELDS = new String[0];

    public static CsvRecord parsed(long recordNumber, long lineNumber, String[] fields) {
        return new CsvRecord(recordNumber, lineNumber, fields, null, null);
    }

    public static CsvRecord unreadable(long recordNumber, long lineNumber, String rawText, String reason) {
        return new CsvRecord(recordNumber, lineNumber, NO_FIELDS, rawText, reason);
    }

    public boolean isUnreadable() {
        return unreadable != null;
    }
}
