package io.lfp.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * The tests' RFC 4180 reference reader, deliberately separate from the services' csv-grammar module, so that
 * expectations are computed independently of the code under test. It reads what Python's {@code csv} module
 * reads: a quote opens a quoted field only as a field's first character, and is an ordinary character anywhere else;
 * quoted fields may hold commas, {@code ""} and line breaks; characters after a closing quote are kept;
 * records end in CRLF, LF or CR outside quotes. Beyond Python: a record longer than a byte limit is
 * "oversized" and ends at the next line break whatever its quotes (the services' record limit).
 */
public final class Rfc4180Reader {

    /**
     * @param fields the fields, empty when the record is oversized or unterminated
     * @param line the physical line the record starts on (1-based)
     * @param text the record's text, its line break excluded
     * @param oversized longer than the limit, in UTF-8 bytes
     * @param unterminated the text ended inside a quoted field
     */
    public record Rec(List<String> fields, long line, String text, boolean oversized, boolean unterminated) {

        /** The same record, starting on another line: for a record read from a slice of its file. */
        public Rec withLine(long line) {
            return new Rec(fields, line, text, oversized, unterminated);
        }
    }

    private Rfc4180Reader() {
    }

    /** The fields of every record, without a record limit. */
    public static List<List<String>> records(String text) {
        return read(text).stream().map(Rec::fields).toList();
    }

    /** Every record, without a record limit. */
    public static List<Rec> read(String text) {
        return read(text, Long.MAX_VALUE);
    }

    /** Every record; one longer than {@code maxRecordBytes} UTF-8 bytes is oversized. */
    public static List<Rec> read(String text, long maxRecordBytes) {
        List<Rec> records = new ArrayList<>();
        int n = text.length();
        int i = 0;
        long line = 1;
        while (i < n) {
            int start = i;
            long startLine = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean atFieldStart = true;
            boolean quoted = false;
            long bytes = 0;
            boolean oversized = false;
            int contentEnd = -1;
            while (i < n) {
                char c = text.charAt(i);
                boolean lineBreak = c == '\r' || c == '\n';
                if (lineBreak && (!quoted || oversized)) {
                    contentEnd = i;
                    i += c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
                    line++;
                    break;
                }
                if (c == '\r' || (c == '\n' && (i == 0 || text.charAt(i - 1) != '\r'))) {
                    line++; // a line break inside quotes
                }
                bytes += utf8Bytes(c);
                oversized |= bytes > maxRecordBytes;
                i++;
                if (quoted) {
                    if (c == '"') {
                        if (i < n && text.charAt(i) == '"') {
                            field.append('"');
                            bytes++;
                            oversized |= bytes > maxRecordBytes;
                            i++;
                        } else {
                            quoted = false; // what follows up to the next comma is kept as it is
                        }
                    } else {
                        field.append(c);
                    }
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                    atFieldStart = true;
                    continue;
                } else if (c == '"' && atFieldStart) {
                    quoted = true;
                } else {
                    field.append(c);
                }
                atFieldStart = false;
            }
            boolean unterminated = contentEnd < 0 && quoted && !oversized;
            if (contentEnd < 0) {
                contentEnd = n;
            }
            fields.add(field.toString());
            records.add(new Rec(oversized || unterminated ? List.of() : fields, startLine,
                    text.substring(start, contentEnd), oversized, unterminated));
        }
        return records;
    }

    /** UTF-8 bytes of a UTF-16 unit: a surrogate is half of a 4-byte character. */
    private static int utf8Bytes(char c) {
        if (c < 0x80) {
            return 1;
        }
        if (c < 0x800 || Character.isSurrogate(c)) {
            return 2;
        }
        return 3;
    }
}
