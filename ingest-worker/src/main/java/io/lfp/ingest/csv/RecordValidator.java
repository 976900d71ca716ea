package io.lfp.ingest.csv;

import io.lfp.ingest.domain.CsvRecord;
import io.lfp.ingest.domain.ProductRow;
import io.lfp.ingest.domain.RejectedRow;

/** Decides whether a CSV record is a loadable product; pure, no state. */
public final class RecordValidator {

    public static final int MAX_SKU = 255;
    public static final int MAX_NAME = 1024;
    public static final int MAX_DESCRIPTION = 65536;

    public static final String UNTERMINATED = "unterminated quoted field at end of file";
    public static final String INVALID_UTF8 = "invalid UTF-8";
    public static final String NUL_CHARACTER = "NUL character (not storable in PostgreSQL text)";
    public static final String EMPTY_SKU = "empty sku";

    /** The reason of a record longer than the record limit (upload-service cut it at the next line end too). */
    public static String tooLong(long maxRecordBytes) {
        return "record longer than " + maxRecordBytes + " bytes (a quote never closed?), skipped up to the next line end";
    }

    private RecordValidator() {
    }

    /** Why the record cannot be loaded, or null when it is a valid product. */
    public static String rejectReason(CsvRecord record) {
        if (record.isUnreadable()) {
            return record.unreadable();
        }
        String[] f = record.fields();
        if (f.length != 3) {
            return "expected 3 fields but found " + f.length;
        }
        for (String field : f) {
            if (field.indexOf(ProductCsvReader.MALFORMED) >= 0) {
                return INVALID_UTF8;
            }
        }
        for (String field : f) {
            if (field.indexOf('\0') >= 0) {
                return NUL_CHARACTER;
            }
        }
        String name = f[0];
        String sku = f[1];
        String description = f[2];
        if (sku.isBlank()) {
            return EMPTY_SKU;
        }
        if (longerThan(sku, MAX_SKU)) {
            return "sku longer than " + MAX_SKU + " characters";
        }
        if (longerThan(name, MAX_NAME)) {
            return "name longer than " + MAX_NAME + " characters";
        }
        if (longerThan(description, MAX_DESCRIPTION)) {
            return "description longer than " + MAX_DESCRIPTION + " characters";
        }
        return null;
    }

    /** The product of a record that {@link #rejectReason} accepted. */
    public static ProductRow toProduct(CsvRecord record) {
        String[] f = record.fields();
        return new ProductRow(f[1], f[0], f[2], record.recordNumber());
    }

    /** The rejected_rows entry of a record; raw text is made storable (no NUL, no lone surrogate). */
    public static RejectedRow toRejected(CsvRecord record, String reason) {
        String raw = record.isUnreadable() ? record.rawText() : CsvText.join(record.fields());
        raw = raw.replace(ProductCsvReader.MALFORMED, '\uFFFD').replace('\0', '\uFFFD');
        return new RejectedRow(record.recordNumber(), record.lineNumber(), reason, raw);
    }

    /** Counts code points (what a user calls characters), not UTF-16 units; cheap when clearly short. */
    private static boolean longerThan(String s, int max) {
        return s.length() > max && s.codePointCount(0, s.length()) > max;
    }
}
