package io.lfp.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * The tests' own small RFC 4180 reader, independent of opencsv, used to compute expectations.
 * Records end in CRLF or LF outside quotes; quoted fields keep their content literally.
 */
public final class Rfc4180 {

    /**
     * @param fields       the record's fields
     * @param line         physical line (1-based) where the record starts
     * @param unterminated true when the text ended inside a quoted field
     */
    public record Rec(List<String> fields, long line, boolean unterminated) {
    }

    private Rfc4180() {
    }

    public static List<Rec> parse(String text) {
        List<Rec> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        long line = 1;
        while (i < n) {
            long start = line;
            List<String> fields = new ArrayList<>();
            StringBuilder f = new StringBuilder();
            boolean unterminated = false;
            while (true) {
                if (i < n && text.charAt(i) == '"') {
                    i++;
                    while (true) {
                        if (i >= n) {
                            unterminated = true;
                            break;
                        }
                        char c = text.charAt(i);
                        if (c == '"') {
                            if (i + 1 < n && text.charAt(i + 1) == '"') {
                                f.append('"');
                                i += 2;
                            } else {
                                i++;
                                break;
                            }
                        } else {
                            if (c == '\n') {
                                line++;
                            }
                            f.append(c);
                            i++;
                        }
                    }
                    if (unterminated) {
                        fields.add(f.toString());
                        break;
                    }
                }
                while (i < n && text.charAt(i) != ',' && text.charAt(i) != '\r' && text.charAt(i) != '\n') {
                    f.append(text.charAt(i));
                    i++;
                }
                fields.add(f.toString());
                f.setLength(0);
                if (i >= n) {
                    break;
                }
                if (text.charAt(i) == ',') {
                    i++;
                    continue;
                }
                i += text.charAt(i) == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
                line++;
                break;
            }
            out.add(new Rec(fields, start, unterminated));
        }
        return out;
    }
}
