package io.lfp.ingest.domain;

/**
 * A record that could not be loaded, as stored in rejected_rows.
 *
 * @param recordNumber 1-based record number, the header excluded
 * @param lineNumber physical line where the record starts (the header is line 1)
 * @param reason why it was rejected, e.g. {@code expected 3 fields but found 2}
 * @param rawText the record re-joined as RFC 4180 CSV (or its raw lines when unterminated)
 */
public record RejectedRow(long recordNumber, long lineNumber, String reason, String rawText) {
}
