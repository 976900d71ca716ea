package io.lfp.e2e;

import java.util.ArrayList;
import java.util.List;

/**
 * A deliberately separate RFC 4180 reader (not opencsv) so the end-to-end expectation is
 * computed independently of the code under test: quoted fields may hold commas, {@code ""}
 * and line breaks; records end in CRLF or LF outside quotes.
 */
final class Rfc4180Reader {

    private Rfc4180Reader() {
    }

    static List<List<String>> records(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean recordStarted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    quoted = true;
                    recordStarted = true;
                }
                case ',' -> {
                    fields.add(field.toString());
                    field.setLength(0);
                    recordStarted = true;
                }
                case '\r' -> {
                    // part of a CRLF record end; a lone CR outside quotes is not in our files
                }
                case '\n' -> {
                    fields.add(field.toString());
                    records.add(fields);
                    fields = new ArrayList<>();
                    field.setLength(0);
                    recordStarted = false;
                }
                default -> {
                    field.append(c);
                    recordStarted = true;
                }
            }
        }
        if (recordStarted || field.length() > 0) {
            fields.add(field.toString());
            records.add(fields);
        }
        return records;
    }
}
