package io.lfp.ingest.service;

/** Writes fields as RFC 4180 CSV: a field is quoted when it holds a comma, quote, CR or LF. */
public final class CsvText {

    private CsvText() {
    }

    /** The fields joined with commas, without a line end. */
    public static String join(String... fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            appendField(sb, fields[i]);
        }
        return sb.toString();
    }

    /** Appends one field, quoted and with doubled quotes when RFC 4180 requires it. */
    public static void appendField(StringBuilder sb, String field) {
        if (needsQuotes(field)) {
            sb.append('"').append(field.replace("\"", "\"\"")).append('"');
        } else {
            sb.append(field);
        }
    }

    private static boolean needsQuotes(String field) {
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }
}
