package io.lfp.upload;

import java.util.ArrayList;
import java.util.List;

/** A small RFC 4180 reader for tests, written independently of the service's planner. */
public final class TestCsv {

    private TestCsv() {
    }

    /** A record and the physical line (1-based) it starts on. */
    public record Rec(List<String> fields, long line) {
    }

    /** A small RFC 4180 reader written independently of the planner: fields, quotes, escaped quotes, CRLF. */
    public static List<Rec> read(String s) {
        List<Rec> records = new ArrayList<>();
        int i = 0;
        long line = 1;
        int n = s.length();
        while (i < n) {
            long startLine = line;
            List<String> fields = new ArrayList<>();
            boolean recordDone = false;
            while (!recordDone) {
                StringBuilder field = new StringBuilder();
                if (i < n && s.charAt(i) == '"') {
                    i++;
                    while (i < n) {
                        char c = s.charAt(i);
                        if (c == '"') {
                            if (i + 1 < n && s.charAt(i + 1) == '"') {
                                field.append('"');
                                i += 2;
                                continue;
                            }
                            i++;
                            break;
                        }
                        if (c == '\n') {
                            line++;
                        }
                        field.append(c);
                        i++;
                    }
                }
                while (i < n && s.charAt(i) != ',' && s.charAt(i) != '\n') {
                    field.append(s.charAt(i++));
                }
                if (i < n && s.charAt(i) == ',') {
                    fields.add(field.toString());
                    i++;
                    continue;
                }
                if (i < n) {
                    line++;
                    i++;
                }
                if (field.length() > 0 && field.charAt(field.length() - 1) == '\r') {
                    field.setLength(field.length() - 1);
                }
                fields.add(field.toString());
                recordDone = true;
            }
            records.add(new Rec(fields, startLine));
        }
        return records;
    }
}
