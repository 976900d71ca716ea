package io.lfp.ingest.csv;

import io.lfp.ingest.repository.StagedRows;

/**
 * The fast way for the common record: exactly three fields, each unquoted (a quote inside one is an ordinary
 * character, as in {@link io.lfp.csv.CsvFields}) or wholly quoted, valid UTF-8 without NUL, a sku that is
 * not blank and every field within its limit. Such a record
 * is staged straight from its bytes — no decoding, no strings, no re-encoding for COPY — which made
 * reading and staging a chunk several times cheaper. Any other record is left to the general way
 * (decode, {@link io.lfp.csv.CsvFields}, {@link RecordValidator}), which also words why a record is rejected; both give the
 * same row (PlainRecordsTest compares them over generated records).
 * Not thread-safe; one instance per chunk being read.
 */
final class PlainRecords {

    private static final int FIELDS = 3;
    /** In the CSV's order: name, sku, description. */
    private static final int[] MAX_CHARACTERS = { RecordValidator.MAX_NAME, RecordValidator.MAX_SKU,
            RecordValidator.MAX_DESCRIPTION };
    private static final int SKU = 1;

    /** Each field's content in the record: [from, to), quotes excluded, {@code ""} still doubled. */
    private final int[] from = new int[FIELDS];
    private final int[] to = new int[FIELDS];
    private final int[] doubledQuotes = new int[FIELDS];

    /**
     * Stages the record if it is plain and valid, unquoting its fields in place in {@code record}; false
     * (the record untouched) when it needs the general way.
     */
    boolean stage(byte[] record, int length, long recordNumber, StagedRows rows) {
        int p = 0;
        for (int f = 0; f < FIELDS; f++) {
            p = p < length && record[p] == '"' ? quoted(record, length, p, f) : unquoted(record, length, p, f);
            if (p < 0) {
                return false;
            }
            if (f < FIELDS - 1) {
                if (p >= length || record[p] != ',') {
                    return false; // fewer fields, or text after a closing quote
                }
                p++;
            } else if (p != length) {
                return false; // more fields, or text after the closing quote
            }
            if (tooLong(record, f)) {
                return false;
            }
        }
        if (!hasVisibleAscii(record, from[SKU], to[SKU])) {
            return false; // maybe blank: the general way decides
        }
        for (int f = 0; f < FIELDS; f++) {
            if (doubledQuotes[f] > 0) {
                to[f] = unquote(record, from[f], to[f]);
            }
        }
        rows.addUtf8(recordNumber, record, from[0], to[0], from[1], to[1], from[2], to[2]);
        return true;
    }

    /** Reads a quoted field starting at {@code p}: the index after its closing quote, or -1 when not plain. */
    private int quoted(byte[] record, int length, int p, int f) {
        int q = p + 1;
        int doubled = 0;
        boolean nonAscii = false;
        from[f] = q;
        while (true) {
            if (q >= length) {
                return -1;
            }
            byte c = record[q];
            if (c == '"') {
                if (q + 1 < length && record[q + 1] == '"') {
                    doubled++;
                    q += 2;
                    continue;
                }
                break;
            }
            if (c <= 0) {
                if (c == 0) {
                    return -1;
                }
                nonAscii = true;
            }
            q++;
        }
        to[f] = q;
        doubledQuotes[f] = doubled;
        return nonAscii && !Utf8.isValid(record, from[f], q) ? -1 : q + 1;
    }

    /** Reads an unquoted field starting at {@code p}: the index of the comma or end after it, or -1. */
    private int unquoted(byte[] record, int length, int p, int f) {
        boolean nonAscii = false;
        from[f] = p;
        while (p < length) {
            byte c = record[p];
            if (c == ',') {
                break;
            }
            if (c <= 0) {
                if (c == 0) {
                    return -1;
                }
                nonAscii = true;
            }
            p++;
        }
        to[f] = p;
        doubledQuotes[f] = 0;
        return nonAscii && !Utf8.isValid(record, from[f], p) ? -1 : p;
    }

    /** Over the field's limit in characters; bytes bound them from above, so they are rarely counted. */
    private boolean tooLong(byte[] record, int f) {
        int max = MAX_CHARACTERS[f];
        int bytes = to[f] - from[f] - doubledQuotes[f];
        return bytes > max && Utf8.countCharacters(record, from[f], to[f]) - doubledQuotes[f] > max;
    }

    /** A character that is not whitespace by {@link Character#isWhitespace}: then the field is not blank. */
    private static boolean hasVisibleAscii(byte[] record, int from, int to) {
        for (int i = from; i < to; i++) {
            byte c = record[i];
            if (c >= 0 && !Character.isWhitespace(c)) {
                return true;
            }
        }
        return false;
    }

    /** Turns each {@code ""} into {@code "}, moving the rest left: the field's new end. */
    private static int unquote(byte[] record, int from, int to) {
        int w = from;
        for (int r = from; r < to; r++) {
            record[w++] = record[r];
            if (record[r] == '"') {
                r++; // the second quote of the pair
            }
        }
        return w;
    }
}
